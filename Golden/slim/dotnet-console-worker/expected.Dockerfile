FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /worker
COPY . .
RUN dotnet publish -c Release -o out

FROM mcr.microsoft.com/dotnet/runtime:9.0-noble-chiseled-extra
WORKDIR /worker
COPY --from=build /worker/out /worker/out
CMD ["out/QueueWorker.dll"]

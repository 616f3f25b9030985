FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /worker
COPY . .
RUN dotnet publish -c Release -o out

FROM mcr.microsoft.com/dotnet/runtime:9.0
WORKDIR /worker
COPY --from=build /worker/out /worker/out
CMD ["dotnet", "out/QueueWorker.dll"]

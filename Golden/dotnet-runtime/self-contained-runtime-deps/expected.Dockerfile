FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Pinger.csproj -c Release -r linux-x64 --self-contained true -p:PublishSingleFile=true -o /out

FROM mcr.microsoft.com/dotnet/runtime-deps:8.0
WORKDIR /src
COPY --from=build /out /out
ENTRYPOINT ["/out/Pinger"]

FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Invoices.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled-extra
WORKDIR /src
COPY --from=build /app /app
WORKDIR /app
ENTRYPOINT ["/usr/bin/dotnet", "Invoices.dll"]

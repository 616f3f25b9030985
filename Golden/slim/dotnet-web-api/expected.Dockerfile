FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Catalog.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled
WORKDIR /src
COPY --from=build /app /app
WORKDIR /app
EXPOSE 8080
CMD ["Catalog.Api.dll"]

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Shop.Api/Shop.Api.csproj -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /src
COPY --from=build /app /app
WORKDIR /app
ENTRYPOINT ["dotnet", "Shop.Api.dll"]

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Orders.Api.csproj .
RUN dotnet restore Orders.Api.csproj
COPY . .
RUN dotnet publish Orders.Api.csproj -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /src
COPY --from=build /app/publish /app/publish
WORKDIR /app/publish
EXPOSE 8080
ENTRYPOINT ["dotnet", "Orders.Api.dll"]

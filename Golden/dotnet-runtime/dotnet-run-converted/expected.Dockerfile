FROM mcr.microsoft.com/dotnet/sdk:6.0 AS build
WORKDIR /app
COPY . .
RUN dotnet restore
RUN dotnet build
RUN dotnet publish Notes.Web.csproj -c Release -o /publish

FROM mcr.microsoft.com/dotnet/aspnet:6.0
WORKDIR /app
ENV ASPNETCORE_URLS=
COPY --from=build /publish /publish
COPY --from=build /app/appsettings.json /app/appsettings.json
EXPOSE 5000
CMD ["dotnet", "/publish/Notes.Web.dll", "--urls", "http://0.0.0.0:5000"]

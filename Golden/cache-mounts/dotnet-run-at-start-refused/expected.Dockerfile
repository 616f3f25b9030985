FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /app
COPY Api.csproj ./
RUN dotnet restore
COPY . .
CMD ["dotnet", "run"]

# syntax=docker/dockerfile:1
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests

FROM gcr.io/distroless/java21-debian13:latest
WORKDIR /app
COPY --from=build --exclude=.git /app /app
EXPOSE 8080
CMD ["target/demo-0.0.1-SNAPSHOT.jar"]

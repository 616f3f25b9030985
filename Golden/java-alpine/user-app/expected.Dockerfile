# syntax=docker/dockerfile:1
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /opt/app
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:21-jre-alpine
WORKDIR /opt/app
COPY --from=build --exclude=.git /opt/app /opt/app
USER 1001
CMD ["java", "-Dspring.profiles.active=prod", "-jar", "target/api-1.0.0.jar"]

# syntax=docker/dockerfile:1
FROM maven:3.9-eclipse-temurin-21 AS maven-build
WORKDIR /app
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2/repository mvn -B dependency:go-offline
COPY src ./src
RUN --mount=type=cache,target=/root/.m2/repository mvn -B package -DskipTests

FROM eclipse-temurin:21-jdk AS gradle-build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.gradle/caches ./gradlew bootJar --no-daemon

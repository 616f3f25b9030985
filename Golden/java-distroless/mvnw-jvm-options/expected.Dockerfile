# syntax=docker/dockerfile:1
FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace
COPY mvnw .
COPY .mvn .mvn
COPY pom.xml .
RUN ./mvnw -B dependency:go-offline
COPY src src
RUN ./mvnw -B package -DskipTests

FROM gcr.io/distroless/java21-debian13:latest
WORKDIR /workspace
COPY --from=build --exclude=.git /workspace /workspace
ENV JAVA_TOOL_OPTIONS="-Xmx512m -XX:+UseG1GC"
CMD ["target/service-1.4.2.jar"]

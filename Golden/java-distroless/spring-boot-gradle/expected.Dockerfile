# syntax=docker/dockerfile:1
FROM gradle:8.10-jdk21 AS build
WORKDIR /home/gradle/project
COPY . .
RUN gradle bootJar --no-daemon

FROM gcr.io/distroless/java21-debian13:latest
WORKDIR /home/gradle/project
COPY --from=build --exclude=.git /home/gradle/project /home/gradle/project
EXPOSE 8080
ENTRYPOINT ["/usr/bin/java", "-jar", "build/libs/app.jar"]

# syntax=docker/dockerfile:1
FROM gradle:8-jdk17 AS build
WORKDIR /src
COPY . .
RUN gradle shadowJar --no-daemon

FROM gcr.io/distroless/java17-debian13:latest
WORKDIR /src
COPY --from=build --exclude=.git /src /src
CMD ["build/libs/bot-all.jar"]

FROM gradle:8-jdk17 AS build
WORKDIR /src
COPY . .
RUN gradle shadowJar --no-daemon

FROM gcr.io/distroless/java17-debian12:nonroot
WORKDIR /src
COPY --from=build /src/build/libs/bot-all.jar /src/build/libs/bot-all.jar
CMD ["build/libs/bot-all.jar"]

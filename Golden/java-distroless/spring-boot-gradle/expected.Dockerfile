FROM gradle:8.10-jdk21 AS build
WORKDIR /home/gradle/project
COPY . .
RUN gradle bootJar --no-daemon

FROM gcr.io/distroless/java21-debian13:nonroot
WORKDIR /home/gradle/project
COPY --from=build /home/gradle/project/build/libs/app.jar /home/gradle/project/build/libs/app.jar
EXPOSE 8080
ENTRYPOINT ["/usr/bin/java", "-jar", "build/libs/app.jar"]

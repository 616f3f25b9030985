FROM eclipse-temurin:17-jdk AS build
WORKDIR /app
COPY gradlew build.gradle settings.gradle ./
COPY gradle gradle
RUN ./gradlew dependencies --no-daemon
COPY src src
RUN ./gradlew bootJar --no-daemon

FROM eclipse-temurin:17-jre-alpine
WORKDIR /app
COPY --from=build /app/build/libs/inventory.jar /app/build/libs/inventory.jar
EXPOSE 8080
RUN adduser -D -u 10001 app
USER app
CMD ["java", "-jar", "build/libs/inventory.jar"]

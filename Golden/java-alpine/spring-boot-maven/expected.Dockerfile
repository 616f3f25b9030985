FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:21-jre-alpine
WORKDIR /app
COPY --from=build /app/target/orders-2.1.0.jar /app/target/orders-2.1.0.jar
EXPOSE 8080
RUN adduser -D -u 10001 app
USER app
CMD ["java", "-jar", "target/orders-2.1.0.jar"]

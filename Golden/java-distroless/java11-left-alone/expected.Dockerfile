FROM maven:3.8-openjdk-11
WORKDIR /app
COPY . .
RUN mvn -B package spring-boot:repackage -DskipTests
CMD ["java", "-jar", "target/legacy.jar"]

# Builds and runs Beacon. Used by docker-compose.yml; pinned images only.
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17.0.15_6-jre
WORKDIR /app
COPY --from=build /src/gateway/target/gateway-*-exec.jar /app/beacon.jar
ENV BEACON_DATA_DIR=/app/data
EXPOSE 8000
ENTRYPOINT ["java", "-jar", "/app/beacon.jar"]

# ReelPulse as one container: builds the production jar (frontend bundled), runs it on Java 17.
# Used by docker-compose.yml; configure it with the environment variables listed in the README.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q -Pproduction dependency:go-offline || true
COPY frontend frontend
COPY data/demo data/demo
COPY src src
RUN ./mvnw -B -Pproduction -DskipTests package && cp target/reelpulse-*.jar /src/reelpulse.jar

FROM eclipse-temurin:17-jre
# the weekly report draws its charts with Java2D, which needs fontconfig and one font
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home-dir /var/lib/reelpulse --create-home reelpulse
COPY --from=build /src/reelpulse.jar /opt/reelpulse/reelpulse.jar
USER reelpulse
WORKDIR /var/lib/reelpulse
ENV REELPULSE_DATA_DIR=/var/lib/reelpulse
VOLUME /var/lib/reelpulse
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/reelpulse/reelpulse.jar"]

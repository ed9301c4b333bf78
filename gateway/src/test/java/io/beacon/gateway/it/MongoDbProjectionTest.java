package io.beacon.gateway.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Projections and their replay on a real MongoDB: a single-node replica set, as in docker-compose.yml.
 * Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbProjectionTest extends ProjectionScenarios {

    // Testcontainers 2's container starts a standalone server unless asked for a replica set.
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0.14").withReplicaSet();

    @DynamicPropertySource
    static void mongoUri(DynamicPropertyRegistry registry) {
        registry.add("beacon.mongodb-uri", () -> MONGO.getReplicaSetUrl("beacon"));
    }
}

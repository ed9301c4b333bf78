package io.beacon.gateway.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The history scenarios on a real MongoDB: a single-node replica set, as in docker-compose.yml.
 * Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbHistoryTest extends HistoryScenarios {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0.14").withReplicaSet();

    @DynamicPropertySource
    static void mongoUri(DynamicPropertyRegistry registry) {
        registry.add("beacon.mongodb-uri", () -> MONGO.getReplicaSetUrl("beacon"));
    }
}

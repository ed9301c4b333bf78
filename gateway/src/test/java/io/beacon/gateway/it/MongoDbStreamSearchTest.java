package io.beacon.gateway.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The stream_search scenarios on a real MongoDB (single-node replica set). Skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbStreamSearchTest extends StreamSearchScenarios {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0.14").withReplicaSet();

    @DynamicPropertySource
    static void mongoUri(DynamicPropertyRegistry registry) {
        registry.add("beacon.mongodb-uri", () -> MONGO.getReplicaSetUrl("beacon"));
    }
}

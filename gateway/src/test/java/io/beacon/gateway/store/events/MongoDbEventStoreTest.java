package io.beacon.gateway.store.events;

import com.mongodb.client.MongoClient;
import io.beacon.gateway.store.MongoStore;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The event store scenarios on a real MongoDB: a single-node replica set, as in docker-compose.yml.
 * Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbEventStoreTest extends EventStoreScenarios {

    // Testcontainers 2's container starts a standalone server unless asked for a replica set.
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0.14").withReplicaSet();

    @Override
    protected MongoStore openStore() {
        return MongoStore.connect(MONGO.getReplicaSetUrl("beacon"));
    }

    @Override
    protected MongoClient openSecondClient(MongoStore store) {
        // A second node: its own client, with the same settings as the first.
        return MongoStore.connect(MONGO.getReplicaSetUrl("beacon")).client();
    }
}

package io.beacon.gateway.store.events;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.beacon.gateway.store.MongoStore;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** The event store scenarios on the embedded store (mongo-java-server with its H2 backend). */
class EmbeddedEventStoreTest extends EventStoreScenarios {

    @TempDir
    static Path dataDir;

    @Override
    protected MongoStore openStore() {
        return MongoStore.embedded(dataDir, 0);
    }

    @Override
    protected MongoClient openSecondClient(MongoStore store) {
        InetSocketAddress address = store.embeddedAddress();
        return MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }
}

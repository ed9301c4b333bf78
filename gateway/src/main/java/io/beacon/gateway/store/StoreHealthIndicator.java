package io.beacon.gateway.store;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The store's health, by a {@code ping}: Spring Boot's own Mongo indicator uses the {@code hello}
 * command, which the embedded store does not implement, so it is replaced by this one.
 */
@Component("store")
class StoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoStore store;
    private final String database;

    StoreHealthIndicator(MongoStore store, @Value("${spring.data.mongodb.database:beacon}") String database) {
        super("store health check failed");
        this.store = store;
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String fault = store.embeddedFault();
        if (fault != null) {
            // A ping is answered without touching the file, so it would report a dead store as up.
            builder.down().withDetail("kind", "embedded").withDetail("error", fault);
            return;
        }
        long started = System.nanoTime();
        store.client().getDatabase(database).runCommand(new Document("ping", 1));
        builder.up().withDetail("kind", store.isEmbedded() ? "embedded" : "mongodb");
        if (store.isEmbedded()) {
            // Where standard MongoDB tools can inspect the embedded store.
            builder.withDetail("address", "mongodb://127.0.0.1:" + store.embeddedAddress().getPort());
        }
        builder
                .withDetail("database", database)
                .withDetail("ping_ms", (System.nanoTime() - started) / 1_000_000.0);
    }
}

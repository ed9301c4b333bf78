package io.beacon.gateway.store;

import com.mongodb.client.MongoClient;
import io.beacon.gateway.store.events.AxonMongoImport;
import io.beacon.gateway.store.events.BeaconEventStorageEngine;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Where events, snapshots and tracking tokens live. Events and snapshots: Beacon's own engine
 * ({@link BeaconEventStorageEngine}), which orders every event by a global position. Tracking tokens:
 * axon-mongo's token store, which serves as it is; axon-mongo has no Spring Boot auto-configuration
 * after 4.10, so its beans are declared here.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /**
     * Command metadata copied onto every event the command produces: who, on which request, and for a row
     * of an upload, which upload and row (how a row handled again after a crash knows its record).
     */
    static final String[] CORRELATED_KEYS = {"actor_uuid", "actor_email", "request_id", "upload_id", "upload_row"};

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, @Value("${spring.data.mongodb.database:beacon}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoStore store,
                                          @Value("${spring.data.mongodb.database:beacon}") String database,
                                          @Value("${beacon.event-store.gap-timeout:PT2S}") Duration gapTimeout,
                                          Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axonConfiguration) {
        BeaconEventStorageEngine engine = BeaconEventStorageEngine.builder()
                .database(store.client().getDatabase(database))
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                // Snapshots of another revision than their aggregate's @Revision are ignored (as Axon's own engines do).
                .snapshotFilter(axonConfiguration.snapshotFilter())
                .gapTimeout(gapTimeout)
                .build();
        engine.ensureIndexes();
        AxonMongoImport.run(store.client().getDatabase(database), engine, eventSerializer.getConverter(), "trackingtokens");
        return engine;
    }

    /**
     * Axon's event store, as its auto-configuration would build it, but with a bounded cache of recent
     * events for the tailing processors and feeds: Axon keeps {@code cachedEvents} events (10,000 by
     * default) in memory, deserialized, whatever their size. With events of 39 KB that grew the heap by
     * ~75 KB per write in the slow-consumers bench, towards ~750 MB. A consumer further behind than the
     * cache reads from the store instead.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${beacon.event-store.cached-events:1000}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEvents)
                .build();
    }

    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(CORRELATED_KEYS);
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}

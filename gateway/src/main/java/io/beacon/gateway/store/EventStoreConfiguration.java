package io.beacon.gateway.store;

import com.mongodb.client.MongoClient;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where events, snapshots and tracking tokens live. This is the one place that names the event
 * storage engine: the walking skeleton uses axon-mongo's engine, to be replaced by Beacon's own.
 * axon-mongo has no Spring Boot auto-configuration after 4.10, so its beans are declared here.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /** Command metadata copied onto every event the command produces: who, and on which request. */
    static final String[] CORRELATED_KEYS = {"actor_uuid", "actor_email", "request_id"};

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, @Value("${spring.data.mongodb.database:beacon}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate, Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
        engine.ensureIndexes();
        return engine;
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

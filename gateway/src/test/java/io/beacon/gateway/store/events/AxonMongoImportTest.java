package io.beacon.gateway.store.events;

import com.mongodb.client.MongoDatabase;
import io.beacon.gateway.store.MongoStore;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored by Beacon 0.1 through axon-mongo's engine come over into Beacon's store, once. */
class AxonMongoImportTest {

    public record Renamed(String name) {
    }

    @Test
    void legacyEventsAreImportedInAppendOrderOnceAndOldTokensRemoved(@TempDir Path dir) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        try (MongoStore store = MongoStore.embedded(dir, 0)) {
            MongoDatabase database = store.client().getDatabase("legacy");
            MongoEventStorageEngine legacy = MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(store.client(), "legacy").build())
                    .eventSerializer(serializer).snapshotSerializer(serializer).build();
            Instant start = Instant.parse("2026-11-01T10:00:00Z");
            List<GenericDomainEventMessage<Renamed>> appended = List.of(
                    event("a", 0, "first", start),
                    event("b", 0, "second", start.plusSeconds(1)),
                    event("a", 1, "third", start.plusSeconds(2)),
                    event("b", 1, "fourth", start.plusSeconds(3)));
            // Stored out of order: the import orders by when they were appended.
            legacy.appendEvents(appended.get(2), appended.get(3));
            legacy.appendEvents(appended.get(0), appended.get(1));
            database.getCollection("trackingtokens").insertMany(List.of(
                    new Document("processorName", "companies").append("segment", 0)
                            .append("tokenType", "org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken"),
                    new Document("processorName", "other").append("segment", 0)
                            .append("tokenType", "org.axonframework.eventhandling.GlobalSequenceTrackingToken")));
            BeaconEventStorageEngine engine = BeaconEventStorageEngine.builder().database(database)
                    .eventSerializer(serializer).snapshotSerializer(serializer).build();
            engine.ensureIndexes();

            assertThat(AxonMongoImport.run(database, engine, serializer.getConverter(), "trackingtokens")).isEqualTo(4);

            List<TrackedEventMessage<?>> tracked = new ArrayList<>(engine.readEvents(null, false).toList());
            assertThat(tracked).extracting(e -> ((Renamed) e.getPayload()).name())
                    .containsExactly("first", "second", "third", "fourth");
            assertThat(tracked).extracting(TrackedEventMessage::getIdentifier)
                    .containsExactlyElementsOf(appended.stream().map(GenericDomainEventMessage::getIdentifier).toList());
            assertThat(tracked).extracting(TrackedEventMessage::getTimestamp)
                    .containsExactlyElementsOf(appended.stream().map(GenericDomainEventMessage::getTimestamp).toList());
            assertThat(tracked.get(0).getMetaData()).containsEntry("actor_uuid", "u-first");
            assertThat(engine.readEvents("a").asStream().map(e -> ((Renamed) e.getPayload()).name()))
                    .containsExactly("first", "third");
            assertThat(database.listCollectionNames().into(new ArrayList<>()))
                    .contains("domainevents_imported").doesNotContain("domainevents");
            assertThat(database.getCollection("trackingtokens").find().into(new ArrayList<>()))
                    .extracting(d -> d.getString("processorName")).containsExactly("other");

            assertThat(AxonMongoImport.run(database, engine, serializer.getConverter(), "trackingtokens")).isZero();
            assertThat(engine.readEvents(null, false).count()).isEqualTo(4);
        }
    }

    private static GenericDomainEventMessage<Renamed> event(String aggregate, long sequence, String name, Instant at) {
        return new GenericDomainEventMessage<>("Company", aggregate, sequence, new Renamed(name),
                MetaData.with("actor_uuid", "u-" + name), java.util.UUID.randomUUID().toString(), at);
    }
}

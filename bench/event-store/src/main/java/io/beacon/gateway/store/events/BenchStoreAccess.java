package io.beacon.gateway.store.events;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.List;

/**
 * The bench's way into the storage engine's package: the commit document of one event exactly as
 * {@link BeaconEventStorageEngine#appendEvents} writes it ({@link StoredEvents#encode},
 * {@link CommitDocuments#commit}), the engine's events collection and its position counter. Used by the
 * replay bench's data generator (io.beacon.bench.store.ReplayData), which writes a long history in
 * batches rather than one append per command. Lives in the engine's package only to reach these
 * package-private parts; it changes nothing of the engine.
 */
public final class BenchStoreAccess {

    private final BeaconEventStorageEngine engine;

    public BenchStoreAccess(EventStorageEngine engine) {
        if (!(engine instanceof BeaconEventStorageEngine beacon)) {
            throw new IllegalStateException("not Beacon's storage engine: " + engine.getClass().getName());
        }
        this.engine = beacon;
    }

    /** The commit document of one command that produced {@code event}, at global position {@code position}. */
    public Document commit(long position, EventMessage<?> event) {
        Serializer serializer = engine.getEventSerializer();
        Document encoded = StoredEvents.encode(event, serializer);
        List<String> keys = List.of();
        if (event instanceof DomainEventMessage<?> domain && StoredEvents.isDomainEvent(encoded)) {
            keys = List.of(StoredEvents.key(domain.getAggregateIdentifier(), domain.getSequenceNumber()));
        }
        return CommitDocuments.commit(position, List.of(encoded), keys);
    }

    public MongoCollection<Document> events() {
        return engine.events();
    }

    /** The highest position taken so far (the counter in {@code events_positions}). */
    public long lastTaken() {
        return engine.positions().lastTaken();
    }

    /** Takes {@code count} positions (after their commits are written, so no reader ever sees a gap). */
    public long take(long count) {
        return engine.positions().take(count);
    }
}

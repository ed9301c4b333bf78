package io.beacon.gateway.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A company's or contact's own events, read from the event store by aggregate and sequence number:
 * index lookups of Beacon's storage engine ({@code AggregateReader}), however many events other
 * entities have. Read through the storage engine rather than the event store, because the store
 * starts an aggregate at its latest snapshot (companies take one every 100 events) and history is
 * every event, from sequence 0.
 *
 * <p>An identifier is an entity of the asked kind only if its stream starts with that kind's creation
 * event: a contact's uuid is no company, whatever the stream holds.
 */
@Component
class EntityStreams {

    private final EventStorageEngine engine;

    EntityStreams(EventStorageEngine engine) {
        this.engine = engine;
    }

    /**
     * Up to {@code limit} events from sequence {@code from} on, with the creation event and the sequence
     * of the next event when more follow; empty when {@code id} was never created as {@code creation}.
     */
    Optional<Slice> slice(String id, Class<?> creation, long from, int limit) {
        DomainEventStream stream = engine.readEvents(id, from);
        DomainEventMessage<?> created;
        if (from == 0) {
            created = stream.hasNext() ? stream.peek() : null;
        } else {
            DomainEventStream start = engine.readEvents(id, 0);
            created = start.hasNext() ? start.next() : null;
        }
        if (created == null || !creation.equals(created.getPayloadType())) {
            return Optional.empty();
        }
        List<DomainEventMessage<?>> events = new ArrayList<>(Math.min(limit, 1024));
        while (events.size() < limit && stream.hasNext()) {
            events.add(stream.next());
        }
        Long next = stream.hasNext() ? stream.peek().getSequenceNumber() : null;
        return Optional.of(new Slice(created, events, next));
    }

    /**
     * The events that had happened at {@code asOf}: the stream up to its first event stamped after it,
     * compared as reads show times ({@link ShownTime}). Empty when {@code id} was never created as
     * {@code creation}, or not yet then. Reading stops at that event, so a past instant reads no further.
     */
    List<DomainEventMessage<?>> until(String id, Class<?> creation, Instant asOf) {
        DomainEventStream stream = engine.readEvents(id, 0);
        if (!stream.hasNext() || !creation.equals(stream.peek().getPayloadType())) {
            return List.of();
        }
        List<DomainEventMessage<?>> events = new ArrayList<>();
        while (stream.hasNext() && ShownTime.atOrBefore(stream.peek().getTimestamp(), asOf)) {
            events.add(stream.next());
        }
        return events;
    }

    /**
     * Events of one entity from a sequence number on.
     *
     * @param creation     the entity's first event (sequence 0), wherever the slice starts
     * @param events       the events of the slice, oldest first
     * @param nextSequence the sequence number of the event after the slice; null when the slice ends the stream
     */
    record Slice(DomainEventMessage<?> creation, List<DomainEventMessage<?>> events, Long nextSequence) {
    }
}

package io.beacon.gateway.store.events;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

import java.time.Instant;

/**
 * How one event is written inside a commit document, and read back as Axon's event data.
 * Field names are short because every event carries them.
 */
final class StoredEvents {

    static final String IDENTIFIER = "i";
    static final String AGGREGATE_TYPE = "t";
    static final String AGGREGATE = "a";
    static final String SEQUENCE = "s";
    static final String TIMESTAMP = "n";
    static final String PAYLOAD_TYPE = "pt";
    static final String PAYLOAD_REVISION = "pr";
    static final String PAYLOAD = "p";
    static final String META_DATA = "m";

    private StoredEvents() {
    }

    static Document encode(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        Document document = new Document(IDENTIFIER, event.getIdentifier());
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            document.append(AGGREGATE_TYPE, domainEvent.getType())
                    .append(AGGREGATE, domainEvent.getAggregateIdentifier())
                    .append(SEQUENCE, domainEvent.getSequenceNumber());
        }
        document.append(TIMESTAMP, epochNanos(event.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName());
        if (payload.getType().getRevision() != null) {
            document.append(PAYLOAD_REVISION, payload.getType().getRevision());
        }
        return document.append(PAYLOAD, payload.getData()).append(META_DATA, metaData.getData());
    }

    /** The unique key of an aggregate's event: the aggregate id and its sequence number. */
    static String key(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + ':' + sequenceNumber;
    }

    static boolean isDomainEvent(Document event) {
        return event.get(AGGREGATE) != null;
    }

    static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    static EventData<String> tracked(Document event, long position) {
        TrackingToken token = new GlobalSequenceTrackingToken(position);
        return isDomainEvent(event) ? new TrackedDomainEvent(event, token) : new TrackedEvent(event, token);
    }

    static DomainEventData<String> domain(Document event) {
        return new DomainEvent(event);
    }

    /** An event an aggregate applied, as read from its stream or from a snapshot. */
    static class DomainEvent implements DomainEventData<String> {
        final Document event;

        DomainEvent(Document event) {
            this.event = event;
        }

        @Override
        public String getEventIdentifier() {
            return event.getString(IDENTIFIER);
        }

        @Override
        public Instant getTimestamp() {
            return instant(event.getLong(TIMESTAMP));
        }

        @Override
        public SerializedObject<String> getMetaData() {
            return new SerializedMetaData<>(event.getString(META_DATA), String.class);
        }

        @Override
        public SerializedObject<String> getPayload() {
            return new SimpleSerializedObject<>(event.getString(PAYLOAD), String.class,
                    event.getString(PAYLOAD_TYPE), event.getString(PAYLOAD_REVISION));
        }

        @Override
        public String getType() {
            return event.getString(AGGREGATE_TYPE);
        }

        @Override
        public String getAggregateIdentifier() {
            return event.getString(AGGREGATE);
        }

        @Override
        public long getSequenceNumber() {
            return ((Number) event.get(SEQUENCE)).longValue();
        }
    }

    static final class TrackedDomainEvent extends DomainEvent implements TrackedEventData<String> {
        private final TrackingToken token;

        TrackedDomainEvent(Document event, TrackingToken token) {
            super(event);
            this.token = token;
        }

        @Override
        public TrackingToken trackingToken() {
            return token;
        }
    }

    /** An event published outside any aggregate: it has a position but no aggregate stream. */
    static final class TrackedEvent implements TrackedEventData<String> {
        private final Document event;
        private final TrackingToken token;

        TrackedEvent(Document event, TrackingToken token) {
            this.event = event;
            this.token = token;
        }

        @Override
        public TrackingToken trackingToken() {
            return token;
        }

        @Override
        public String getEventIdentifier() {
            return event.getString(IDENTIFIER);
        }

        @Override
        public Instant getTimestamp() {
            return instant(event.getLong(TIMESTAMP));
        }

        @Override
        public SerializedObject<String> getMetaData() {
            return new SerializedMetaData<>(event.getString(META_DATA), String.class);
        }

        @Override
        public SerializedObject<String> getPayload() {
            return new SimpleSerializedObject<>(event.getString(PAYLOAD), String.class,
                    event.getString(PAYLOAD_TYPE), event.getString(PAYLOAD_REVISION));
        }
    }
}

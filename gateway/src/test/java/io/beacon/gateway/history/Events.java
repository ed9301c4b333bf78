package io.beacon.gateway.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Domain event messages as the event store hands them back, for the unit tests of the history package. */
final class Events {

    private Events() {
    }

    static DomainEventMessage<?> event(String type, String aggregate, long sequence, Object payload, Instant at) {
        return event(type, aggregate, sequence, payload, at, Map.of());
    }

    static DomainEventMessage<?> event(String type, String aggregate, long sequence, Object payload, Instant at,
                                       Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>(type, aggregate, sequence, payload, metaData,
                UUID.randomUUID().toString(), at);
    }
}

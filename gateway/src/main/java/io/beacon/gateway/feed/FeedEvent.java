package io.beacon.gateway.feed;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pushed event of the channel endpoint, made from one stored event.
 *
 * @param offset     the event's position in the event store: strictly increasing, the same on every node,
 *                   so a client can resume after it ({@code since})
 * @param type       the pushed type, e.g. {@code company_updated}
 * @param occurredAt when the event was stored
 * @param data       the pushed {@code data} ({@code company_uuid}, {@code changes}, {@code actor}, …)
 * @param channels   every channel the event is pushed on, e.g. {@code companies}, {@code company:<uuid>}, {@code audit}
 */
public record FeedEvent(long offset, String type, Instant occurredAt, Map<String, Object> data, List<String> channels) {

    public FeedEvent {
        // In order, and with null values (an actor-less event): not Map.copyOf.
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        channels = List.copyOf(channels);
    }
}

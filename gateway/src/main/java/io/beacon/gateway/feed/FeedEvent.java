package io.beacon.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.beacon.gateway.ws.WireJson;

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
 * @param dataJson   {@code data} written as JSON once, for every message that carries it
 */
public record FeedEvent(long offset, String type, Instant occurredAt, Map<String, Object> data, List<String> channels,
                        String dataJson) {

    /** What a message adds to its data: type, channel, offset, timestamp and punctuation, generously. */
    private static final int ENVELOPE_CHARS = 256;

    public FeedEvent {
        // In order, and with null values (an actor-less event): not Map.copyOf.
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        channels = List.copyOf(channels);
    }

    public FeedEvent(long offset, String type, Instant occurredAt, Map<String, Object> data, List<String> channels) {
        this(offset, type, occurredAt, data, channels, write(data));
    }

    /**
     * What holding the event costs, in characters of its message: the measure of the feed's memory
     * bounds (the ring of recent events, each subscription's queue). The objects behind it take a small
     * multiple of it on the heap; the bounds are set with that in mind.
     */
    public long weight() {
        return (long) dataJson.length() + ENVELOPE_CHARS;
    }

    private static String write(Map<String, Object> data) {
        try {
            return WireJson.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a pushed event's data must be writable as JSON", e);
        }
    }
}

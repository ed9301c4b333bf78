package io.beacon.gateway.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.beacon.gateway.feed.FeedEvent;
import io.beacon.search.query.SearchHit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the server's messages: {@code {"type","channel"?,"offset"?,"data","request_id"?,"timestamp"}},
 * timestamps ISO-8601 in UTC.
 */
final class ChannelMessages {

    private static final Logger log = LoggerFactory.getLogger(ChannelMessages.class);
    /** The rendered pushes kept for sharing, in bytes of their messages. */
    private static final long RENDERED_BYTES = 8_000_000;

    private final ObjectMapper json;
    private final Clock clock;
    /**
     * A pushed event's message is the same for every subscriber of a channel: rendered once, by
     * (offset, channel), and shared. A fan-out to a thousand connections otherwise spends its time
     * writing the same JSON a thousand times. Bounded by weight (bytes), not count: 4,096 large events
     * once held 160 MB here; and only kept for the seconds a fan-out takes. Built from bytes, so that
     * neither the weigher nor the session's buffer accounting encodes the text again per send.
     */
    private final Cache<String, TextMessage> rendered = Caffeine.newBuilder()
            .maximumWeight(RENDERED_BYTES)
            .weigher((String key, TextMessage message) -> message.getPayloadLength())
            .expireAfterAccess(Duration.ofSeconds(30))
            .build();

    ChannelMessages(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** An answer or notice of this connection: {@code data} is a map, a record or null (empty object). */
    void reply(ChannelConnection connection, String type, Object data, String requestId) {
        ObjectNode message = json.createObjectNode();
        message.put("type", type);
        message.set("data", data == null ? json.createObjectNode() : json.valueToTree(data));
        if (requestId != null) {
            message.put("request_id", requestId);
        }
        message.put("timestamp", clock.instant().toString());
        send(connection, message);
    }

    void error(ChannelConnection connection, String requestId, ChannelErrorCode code, String text, Map<String, ?> details) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "error");
        ObjectNode data = message.putObject("data");
        data.put("error_code", code.name());
        data.put("message", text);
        data.set("details", json.valueToTree(details));
        if (requestId != null) {
            message.put("request_id", requestId);
        }
        message.put("timestamp", clock.instant().toString());
        send(connection, message);
    }

    /** One hit of a {@code stream_search}: {@code {uuid, name, score, ...its identifying fields}}. */
    void searchResult(ChannelConnection connection, String requestId, SearchHit hit) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uuid", hit.uuid());
        data.put("name", hit.name());
        data.put("score", hit.score());
        hit.fields().forEach(data::putIfAbsent);
        reply(connection, "search_result", data, requestId);
    }

    /** The end of a {@code stream_search}: how many {@code search_result}s it sent and how long it took. */
    void searchComplete(ChannelConnection connection, String requestId, long totalResults, long processingTimeMs) {
        reply(connection, "search_complete",
                Map.of("total_results", totalResults, "processing_time_ms", processingTimeMs), requestId);
    }

    /** A pushed event of {@code channel}; its timestamp is when the event occurred. */
    void event(ChannelConnection connection, String channel, FeedEvent event) {
        TextMessage message;
        try {
            message = rendered.get(event.offset() + "|" + channel, key -> render(channel, event));
        } catch (IllegalStateException e) {
            log.warn("Could not write a {} message for {}: {}", event.type(), connection.id(), e.toString());
            return;
        }
        send(connection, message);
    }

    private TextMessage render(String channel, FeedEvent event) {
        ObjectNode message = json.createObjectNode();
        message.put("type", event.type());
        message.put("channel", channel);
        message.put("offset", String.valueOf(event.offset()));
        // The data was written once for the event, for every channel and node-local subscriber.
        message.putRawValue("data", new RawValue(event.dataJson()));
        message.put("timestamp", (event.occurredAt() != null ? event.occurredAt() : clock.instant()).toString());
        try {
            return new TextMessage(json.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(ChannelConnection connection, ObjectNode message) {
        try {
            send(connection, new TextMessage(json.writeValueAsString(message)));
        } catch (JsonProcessingException e) {
            log.warn("Could not write a {} message for {}: {}", message.path("type").asText(), connection.id(), e.toString());
        }
    }

    private void send(ChannelConnection connection, TextMessage message) {
        WebSocketSession session = connection.session();
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(message);
        } catch (IOException | RuntimeException e) {
            // A slow or gone reader: the decorator has already closed the session if limits were passed.
            log.debug("Could not send to {}: {}", connection.id(), e.toString());
        }
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.beacon.gateway.it.WsClient.JSON;

/**
 * A client of the channel endpoint {@code /api/v1/ws}, a thin layer over {@link WsClient}: requests
 * are {@code {"type","data","request_id"}} and answered by the message with the same
 * {@code request_id}; pushed events (they carry {@code channel} and {@code offset}) are taken in
 * arrival order.
 */
final class ChannelClient implements AutoCloseable {

    private final WsClient ws;

    ChannelClient(WsClient ws) {
        this.ws = ws;
    }

    /** The channel endpoint of the server at {@code port}, with {@code ?token=} unless {@code token} is null. */
    static URI endpoint(int port, String token) {
        String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return URI.create("ws://localhost:" + port + "/api/v1/ws" + query);
    }

    static ChannelClient open(int port, String token) {
        return new ChannelClient(WsClient.open(endpoint(port, token), Map.of()));
    }

    WsClient ws() {
        return ws;
    }

    /** Waits for the {@code connected} message. */
    JsonNode connected() {
        return ws.awaitNext(m -> "connected".equals(m.path("type").asText()), "connected");
    }

    /** Sends {@code type} with {@code data} (a map, a JSON node or null) and waits for the answer. */
    JsonNode request(String type, Object data) {
        String requestId = ws.nextRequestId();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", type);
        if (data != null) {
            envelope.set("data", JSON.valueToTree(data));
        }
        envelope.put("request_id", requestId);
        return WsClient.await(ws.sendEnvelope(requestId, envelope), "answer to " + type);
    }

    /** Sends {@code {"type":"auth","token":...}} and waits for the answer. */
    JsonNode auth(String token) {
        String requestId = ws.nextRequestId();
        ObjectNode envelope = JSON.createObjectNode().put("type", "auth").put("token", token).put("request_id", requestId);
        return WsClient.await(ws.sendEnvelope(requestId, envelope), "answer to auth");
    }

    JsonNode subscribe(String... channels) {
        return request("subscribe", Map.of("channels", List.of(channels)));
    }

    /** Subscribes {@code channel}, resuming after {@code offset}. */
    JsonNode subscribeSince(String channel, String offset) {
        return request("subscribe", Map.of("channels", List.of(channel), "since", Map.of(channel, offset)));
    }

    JsonNode unsubscribe(String... channels) {
        return request("unsubscribe", Map.of("channels", List.of(channels)));
    }

    JsonNode ping() {
        return request("ping", null);
    }

    /** Waits for the next pushed event of {@code channel} that satisfies {@code condition}, and takes it. */
    JsonNode nextEvent(String channel, Predicate<JsonNode> condition, String description) {
        return ws.awaitNext(m -> channel.equals(m.path("channel").asText(null)) && m.has("offset") && condition.test(m),
                description + " on " + channel);
    }

    /** Waits for the next {@code error} message with this code, and takes it. */
    JsonNode nextError(String code) {
        return ws.awaitNext(m -> "error".equals(m.path("type").asText())
                && code.equals(m.path("data").path("error_code").asText()), "error " + code);
    }

    /** Every pushed event received so far, in arrival order. */
    List<JsonNode> events() {
        return ws.received().stream().filter(m -> m.has("channel") && m.has("offset")).toList();
    }

    void sendRaw(String text) {
        ws.sendRaw(text);
    }

    WsClient.Closed awaitClose() {
        return ws.awaitClose();
    }

    boolean isOpen() {
        return ws.isOpen();
    }

    @Override
    public void close() {
        ws.close();
    }
}

package io.beacon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection to Beacon's action endpoint (JDK client). Requests may be pipelined;
 * answers are matched by {@code request_id}.
 */
final class WsConnection implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer envelope and the moment (System.nanoTime) its last frame arrived. */
    record Answer(JsonNode root, long receivedNanos, long receivedEpochMicros) {
        boolean ok() {
            return "success".equals(root.path("status").asText());
        }

        JsonNode data() {
            return root.path("data");
        }

        String errorCode() {
            return root.path("error").path("code").asText("?");
        }
    }

    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final Object sendLock = new Object();
    private final AtomicLong unsolicited = new AtomicLong();
    private volatile WebSocket socket;
    private volatile Throwable closedBy;

    private WsConnection(String name) {
        this.prefix = name + "-";
    }

    static WsConnection open(HttpClient http, String wsUrl, String token, String name) {
        WsConnection connection = new WsConnection(name);
        URI uri = URI.create(wsUrl + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            connection.socket = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, connection)
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open WebSocket " + wsUrl + ": " + e, e);
        }
        return connection;
    }

    CompletableFuture<Answer> request(String action, ObjectNode data) {
        return request(action, prefix + sequence.incrementAndGet(), data);
    }

    /** A request with the caller's {@code request_id}, which must be unique among this connection's pending ones. */
    CompletableFuture<Answer> request(String action, String id, ObjectNode data) {
        Throwable closed = closedBy;
        if (closed != null) {
            return CompletableFuture.failedFuture(closed);
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("action", action);
        envelope.put("request_id", id);
        envelope.set("data", data);
        String text;
        try {
            text = JSON.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        // The JDK client allows one outstanding send at a time.
        synchronized (sendLock) {
            try {
                socket.sendText(text, true).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                pending.remove(id);
                answer.completeExceptionally(e);
            }
        }
        return answer;
    }

    long unsolicited() {
        return unsolicited.get();
    }

    /** False once the server closed the connection, it failed, or {@link #close()} was called. */
    boolean isOpen() {
        return closedBy == null;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            long now = System.nanoTime();
            java.time.Instant wall = java.time.Instant.now();
            long micros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000;
            try {
                JsonNode root = JSON.readTree(message);
                JsonNode id = root.get("request_id");
                CompletableFuture<Answer> answer = id == null || id.isNull() ? null : pending.remove(id.asText());
                if (answer != null) {
                    answer.complete(new Answer(root, now, micros));
                } else {
                    unsolicited.incrementAndGet();
                    System.err.println("WARN unsolicited message: " + abbreviate(message));
                }
            } catch (IOException e) {
                System.err.println("WARN unparsable message: " + abbreviate(message));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        failAll(new IOException("WebSocket closed by server: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failAll(error);
    }

    private void failAll(Throwable cause) {
        closedBy = cause;
        pending.values().forEach(f -> f.completeExceptionally(cause));
        pending.clear();
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s == null || closedBy != null) {
            return;
        }
        closedBy = new IOException("closed by client");
        try {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // abort below
        }
        s.abort();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}

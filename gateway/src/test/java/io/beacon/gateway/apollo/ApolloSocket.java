package io.beacon.gateway.apollo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of {@code /api/v2/apollo/ws} on the JDK's {@link WebSocket} (no Beacon code): sends an
 * enveloped request and waits for the message carrying its {@code request_id}.
 */
final class ApolloSocket implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong REQUESTS = new AtomicLong();

    private final WebSocket socket;
    private final Inbox inbox;

    private ApolloSocket(WebSocket socket, Inbox inbox) {
        this.socket = socket;
        this.inbox = inbox;
    }

    static URI endpoint(int port, String token) {
        String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return URI.create("ws://localhost:" + port + "/api/v2/apollo/ws" + query);
    }

    static ApolloSocket connect(int port, String token) {
        Inbox inbox = new Inbox();
        try {
            WebSocket socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(endpoint(port, token), inbox).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new ApolloSocket(socket, inbox);
        } catch (ExecutionException e) {
            throw new AssertionError("WebSocket handshake with the Apollo endpoint failed", e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("no WebSocket handshake with the Apollo endpoint", e);
        }
    }

    /** The HTTP status with which the server refuses an upgrade; fails if it accepts. */
    static int refusedHandshakeStatus(URI uri) {
        try {
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Inbox())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            throw new AssertionError("the handshake was accepted, expected a refusal");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the handshake failed without an HTTP answer", e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("no answer to the handshake", e);
        }
    }

    /** Sends {@code {action, request_id, data}} and returns the answer carrying that request id. */
    JsonNode call(String action, JsonNode data) {
        String requestId = "apollo-" + REQUESTS.incrementAndGet();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("action", action);
        envelope.put("request_id", requestId);
        envelope.set("data", data);
        try {
            socket.sendText(JSON.writeValueAsString(envelope), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (JsonProcessingException | ExecutionException | TimeoutException | InterruptedException e) {
            throw new AssertionError("could not send " + action, e);
        }
        return inbox.await(requestId);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: the server may already have closed.
        }
        socket.abort();
    }

    /** Assembles text messages and hands them to whoever waits for their request id. */
    private static final class Inbox implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private final List<JsonNode> messages = new ArrayList<>();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message;
                try {
                    message = JSON.readTree(partial.toString());
                } catch (JsonProcessingException e) {
                    message = JSON.createObjectNode().put("unparsable", partial.toString());
                }
                partial.setLength(0);
                synchronized (this) {
                    messages.add(message);
                    notifyAll();
                }
            }
            webSocket.request(1);
            return null;
        }

        synchronized JsonNode await(String requestId) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                for (Iterator<JsonNode> it = messages.iterator(); it.hasNext(); ) {
                    JsonNode message = it.next();
                    if (requestId.equals(message.path("request_id").textValue())) {
                        it.remove();
                        return message;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no answer to " + requestId + " within " + TIMEOUT + "; received " + messages);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}

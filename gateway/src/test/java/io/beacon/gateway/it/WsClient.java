package io.beacon.gateway.it;

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
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A WebSocket client of Beacon's endpoints (the action endpoints directly, the channel endpoint
 * through {@link ChannelClient}), built on the JDK's {@link WebSocket} (no Beacon
 * code): it sends raw text or enveloped requests, matches answers to requests by {@code request_id},
 * assembles messages that arrive in parts, and records every message (unsolicited ones apart) and
 * how the server closed the connection.
 */
final class WsClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong CLIENTS = new AtomicLong();

    private final WebSocket socket;
    private final Inbox inbox;
    private final String idPrefix = "c" + CLIENTS.incrementAndGet() + "-";
    private final AtomicLong requests = new AtomicLong();
    private final Object sendLock = new Object();

    private WsClient(WebSocket socket, Inbox inbox) {
        this.socket = socket;
        this.inbox = inbox;
    }

    /** The action endpoint of the server at {@code port} on loopback, with {@code ?token=}. */
    static URI companiesEndpoint(int port, String token) {
        String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return URI.create("ws://localhost:" + port + "/api/v1/companies/ws" + query);
    }

    /** Opens the companies endpoint with {@code token} as the {@code token} query parameter. */
    static WsClient connect(int port, String token) {
        return open(companiesEndpoint(port, token), Map.of());
    }

    /** Opens {@code uri} with extra handshake headers; fails if the upgrade is refused. */
    static WsClient open(URI uri, Map<String, String> headers) {
        Inbox inbox = new Inbox();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        WebSocket socket = await(builder.buildAsync(uri, inbox), "WebSocket handshake with " + redact(uri));
        return new WsClient(socket, inbox);
    }

    /**
     * Tries to open {@code uri} and returns the HTTP status with which the server refused the
     * upgrade. Fails if the upgrade succeeds or fails without an HTTP answer.
     */
    static int refusedHandshakeStatus(URI uri, Map<String, String> headers) {
        Inbox inbox = new Inbox();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            WebSocket socket = builder.buildAsync(uri, inbox).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            throw new AssertionError("the handshake with " + redact(uri) + " was accepted, expected a refusal");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the handshake failed without an HTTP answer", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to the handshake within " + TIMEOUT, e);
        }
    }

    /** Sends one whole text message as it is. */
    void sendRaw(String text) {
        sendPart(text, true);
    }

    /** Sends one text message split into frames: every part but the last is a partial frame. */
    void sendInParts(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            sendPart(parts.get(i), i == parts.size() - 1);
        }
    }

    /** A fresh request id, unique across every client of this JVM. */
    String nextRequestId() {
        return idPrefix + requests.incrementAndGet();
    }

    /** The envelope of a request for {@code action} with {@code data} (a map, a JSON node or null). */
    ObjectNode envelope(String action, String requestId, Object data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("action", action);
        envelope.put("request_id", requestId);
        envelope.set("data", data == null ? null : JSON.valueToTree(data));
        return envelope;
    }

    /**
     * Sends a request and returns the future of its answer; the answer is the first message that
     * carries {@code request_id}.
     */
    CompletableFuture<JsonNode> send(String action, Object data) {
        String requestId = nextRequestId();
        return sendEnvelope(requestId, envelope(action, requestId, data));
    }

    /** Sends a prepared envelope and returns the future of the first answer carrying {@code requestId}. */
    CompletableFuture<JsonNode> sendEnvelope(String requestId, JsonNode envelope) {
        CompletableFuture<JsonNode> answer = inbox.expect(requestId);
        sendRaw(write(envelope));
        return answer;
    }

    /** Sends a request and waits for its answer. */
    JsonNode call(String action, Object data) {
        return await(send(action, data), "answer to " + action);
    }

    /** Waits for the first message (received before or after this call) that satisfies {@code condition}. */
    JsonNode awaitMessage(Predicate<JsonNode> condition, String description) {
        return inbox.await(condition, TIMEOUT, description);
    }

    /**
     * Waits for the earliest message not yet taken by this method that satisfies {@code condition},
     * and takes it: called again with the same condition, it returns the next such message. Lets a
     * client of the channel endpoint consume pushed messages in order, whatever else arrives between.
     */
    JsonNode awaitNext(Predicate<JsonNode> condition, String description) {
        return inbox.awaitNext(condition, TIMEOUT, description);
    }

    /** Every message received so far, in arrival order. */
    List<JsonNode> received() {
        return inbox.snapshot();
    }

    /**
     * Messages that answered no awaited request: pushed ones (e.g. {@code token_expired}), errors
     * about messages without a request id, and any second answer to one request.
     */
    List<JsonNode> unsolicited() {
        return inbox.unsolicited();
    }

    /** How many received messages carry {@code requestId}. */
    long countWithRequestId(String requestId) {
        return received().stream().filter(m -> requestId.equals(m.path("request_id").textValue())).count();
    }

    /** Waits until the server closes the connection and returns its close code and reason. */
    Closed awaitClose() {
        return await(inbox.closed, "close of the connection");
    }

    /** The close of the connection, if the server has closed it. */
    Optional<Closed> closed() {
        return Optional.ofNullable(inbox.closed.getNow(null));
    }

    /** True while neither side has closed the connection and no error ended it. */
    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed() && !inbox.closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Closing is best effort: the server may already have closed.
            }
        }
        socket.abort();
    }

    private void sendPart(String text, boolean last) {
        // The JDK socket refuses a send while the previous one is still running.
        synchronized (sendLock) {
            await(socket.sendText(text, last), "send");
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String redact(URI uri) {
        return uri.toString().replaceAll("token=[^&]*", "token=…");
    }

    /** How the connection ended: the close frame's code and reason. */
    record Closed(int code, String reason) {
    }

    /** Receives, assembles and dispatches the server's messages. */
    private static final class Inbox implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private final List<JsonNode> messages = new ArrayList<>();
        private final List<JsonNode> unsolicited = new ArrayList<>();
        /** Indexes into {@link #messages} already returned by {@link #awaitNext}. */
        private final BitSet taken = new BitSet();
        private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final CompletableFuture<Closed> closed = new CompletableFuture<>();

        CompletableFuture<JsonNode> expect(String requestId) {
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            if (pending.putIfAbsent(requestId, answer) != null) {
                throw new IllegalArgumentException("request id " + requestId + " is already awaited");
            }
            return answer;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                deliver(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            wake();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
            wake();
        }

        private void deliver(String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                message = JSON.createObjectNode().put("unparsable", text);
            }
            String requestId = message.path("request_id").textValue();
            CompletableFuture<JsonNode> answer = requestId == null ? null : pending.remove(requestId);
            synchronized (this) {
                messages.add(message);
                if (answer == null) {
                    unsolicited.add(message);
                }
                notifyAll();
            }
            if (answer != null) {
                answer.complete(message);
            }
        }

        synchronized List<JsonNode> unsolicited() {
            return List.copyOf(unsolicited);
        }

        private synchronized void wake() {
            notifyAll();
        }

        synchronized List<JsonNode> snapshot() {
            return List.copyOf(messages);
        }

        synchronized JsonNode await(Predicate<JsonNode> condition, Duration timeout, String description) {
            return await(condition, timeout, description, false);
        }

        synchronized JsonNode awaitNext(Predicate<JsonNode> condition, Duration timeout, String description) {
            return await(condition, timeout, description, true);
        }

        private JsonNode await(Predicate<JsonNode> condition, Duration timeout, String description, boolean take) {
            long deadline = System.nanoTime() + timeout.toNanos();
            int checked = 0;
            while (true) {
                for (; checked < messages.size(); checked++) {
                    if ((!take || !taken.get(checked)) && condition.test(messages.get(checked))) {
                        if (take) {
                            taken.set(checked);
                        }
                        return messages.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    throw new AssertionError("no message " + description + " within " + timeout
                            + (closed.isDone() ? " (connection closed: " + closed.handle((c, e) -> Objects.toString(c != null ? c : e)).join() + ")" : "")
                            + "; received " + messages);
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

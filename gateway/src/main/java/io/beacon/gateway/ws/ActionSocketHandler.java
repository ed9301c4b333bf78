package io.beacon.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.auth.AccessGrant;
import io.beacon.gateway.auth.TokenService;
import io.beacon.gateway.auth.WebSocketAuthInterceptor;
import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The socket side of an action endpoint: parses the envelope, looks the action up, converts
 * {@code data} to the action's payload type and answers with the same {@code request_id}.
 * Requests of one connection run concurrently on a shared worker pool.
 */
public final class ActionSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ActionSocketHandler.class);
    private static final List<String> WRITE_KEY_FIELDS = List.of("write_key", "X-Companies-Write-Key");
    private static final String AUTH_ACTION = "auth";
    private static final String SUBSCRIBE_ACTION = "subscribe";
    private static final String UNSUBSCRIBE_ACTION = "unsubscribe";

    private final Endpoint endpoint;
    private final ActionRegistry registry;
    private final ObjectMapper json;
    private final TokenService tokens;
    private final WebSocketLimits limits;
    private final OutboundBuffers outbound;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final LiveQueries liveQueries;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Each connection's live queries ({@code subscribe}), by session id. */
    private final Map<String, ActionSubscriptions> subscriptions = new ConcurrentHashMap<>();

    public ActionSocketHandler(Endpoint endpoint, ActionRegistry registry, ObjectMapper json, TokenService tokens,
                               WebSocketLimits limits, OutboundBuffers outbound, ExecutorService workers, ScheduledExecutorService timers,
                               LiveQueries liveQueries) {
        this.endpoint = endpoint;
        this.registry = registry;
        this.json = json;
        this.tokens = tokens;
        this.limits = limits;
        this.outbound = outbound;
        this.workers = workers;
        this.timers = timers;
        this.liveQueries = liveQueries;
    }

    @Override
    public boolean supportsPartialMessages() {
        // Frames are assembled here so an over-size message can be answered before closing.
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        AccessGrant grant = (AccessGrant) raw.getAttributes().get(WebSocketAuthInterceptor.GRANT_ATTRIBUTE);
        WebSocketSession session = outbound.decorate(raw);
        Bucket rate = MessageRate.perMinute(limits.actionMessagesPerMinute());
        Connection connection = new Connection(session, grant, baseUrl(raw.getUri()), limits.maxInFlight(), rate);
        connections.put(raw.getId(), connection);
        scheduleExpiry(connection);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        ActionSubscriptions live = subscriptions.remove(session.getId());
        if (live != null) {
            live.cancelAll();
        }
        if (connection != null && connection.expiry() != null) {
            connection.expiry().cancel(false);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", session.getId(), exception.toString());
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        Connection connection = connections.get(raw.getId());
        if (connection == null) {
            return;
        }
        String text;
        try {
            text = connection.assembler().add(message.getPayload(), message.getPayloadLength(), message.isLast(),
                    limits.maxMessageBytes());
        } catch (MessageAssembler.TooLarge e) {
            sendError(connection, null, null, ErrorCode.MESSAGE_TOO_LARGE,
                    "message larger than " + limits.maxMessageBytes() + " bytes");
            close(connection, CloseStatus.TOO_BIG_TO_PROCESS);
            return;
        }
        if (text != null) {
            dispatch(connection, text);
        }
    }

    private void dispatch(Connection connection, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            sendError(connection, null, null, ErrorCode.INVALID_JSON, "message is not valid JSON");
            return;
        }
        if (root == null || !root.isObject()) {
            sendError(connection, null, null, ErrorCode.INVALID_JSON, "message must be a JSON object");
            return;
        }
        JsonNode idNode = root.get("request_id");
        String requestId = idNode == null || idNode.isNull() ? null : idNode.isValueNode() ? idNode.asText() : null;
        JsonNode actionNode = root.get("action");
        String action = actionNode != null && actionNode.isTextual() ? actionNode.asText() : null;
        if (!connection.messageRate().tryConsume(1)) {
            sendError(connection, requestId, action, ErrorCode.RATE_LIMITED,
                    "more than " + limits.actionMessagesPerMinute() + " messages per minute");
            return;
        }
        if (idNode != null && !idNode.isNull() && !idNode.isValueNode()) {
            sendError(connection, null, action, ErrorCode.VALIDATION_ERROR, "request_id must be a string");
            return;
        }
        if (action == null) {
            sendError(connection, requestId, null, actionNode == null || actionNode.isNull()
                    ? ErrorCode.MISSING_FIELD : ErrorCode.VALIDATION_ERROR,
                    actionNode == null || actionNode.isNull() ? "Missing required field: action" : "action must be a string");
            return;
        }
        JsonNode dataNode = root.get("data");
        if (dataNode != null && !dataNode.isNull() && !dataNode.isObject()) {
            sendError(connection, requestId, action, ErrorCode.VALIDATION_ERROR, "data must be an object");
            return;
        }
        ObjectNode data = dataNode == null || dataNode.isNull() ? json.createObjectNode() : (ObjectNode) dataNode;
        List<String> unknownEnvelope = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals("action") && !name.equals("request_id") && !name.equals("data")) {
                unknownEnvelope.add(name);
            }
        });
        if (!unknownEnvelope.isEmpty()) {
            sendError(connection, requestId, action, ErrorCode.VALIDATION_ERROR,
                    "unknown envelope field(s): " + String.join(", ", unknownEnvelope));
            return;
        }
        if (AUTH_ACTION.equals(action)) {
            renew(connection, requestId, data);
            return;
        }
        if (UNSUBSCRIBE_ACTION.equals(action)) {
            respond(connection, requestId, action, ErrorCode.INTERNAL_ERROR,
                    () -> CompletableFuture.completedFuture(live(connection).unsubscribe(data)));
            return;
        }
        if (SUBSCRIBE_ACTION.equals(action)) {
            subscribe(connection, requestId, data);
            return;
        }
        var registered = registry.find(endpoint, action);
        if (registered.isEmpty()) {
            sendError(connection, requestId, action, ErrorCode.UNKNOWN_ACTION, "unknown action: " + action);
            return;
        }
        if (!connection.inFlight().tryAcquire()) {
            sendError(connection, requestId, action, ErrorCode.RATE_LIMITED,
                    "more than " + limits.maxInFlight() + " requests in flight on this connection");
            return;
        }
        try {
            workers.execute(() -> run(connection, registered.get(), requestId, data));
        } catch (RejectedExecutionException e) {
            connection.inFlight().release();
            sendError(connection, requestId, action, ErrorCode.RATE_LIMITED, "server busy, retry shortly");
        }
    }

    private <P> void run(Connection connection, ActionRegistry.Registered<P> registered, String requestId, ObjectNode data) {
        respond(connection, requestId, registered.definition().name(), registered.definition().failureCode(),
                () -> invoke(connection, registered, requestId, data).whenComplete((result, failure) ->
                        connection.inFlight().release()),
                () -> connection.inFlight().release());
    }

    /** Runs an action: checks its fields, converts {@code data} to its payload and invokes it. */
    private <P> CompletionStage<Object> invoke(Connection connection, ActionRegistry.Registered<P> registered,
                                               String requestId, ObjectNode data) throws Exception {
        ActionDefinition<P> definition = registered.definition();
        String writeKey = extractWriteKey(data);
        List<String> unknown = new ArrayList<>();
        data.fieldNames().forEachRemaining(name -> {
            if (!registered.acceptedFields().contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw BeaconException.validation("unknown field(s) for " + definition.name() + ": " + String.join(", ", unknown));
        }
        P payload = JsonNode.class.isAssignableFrom(definition.payloadType())
                ? definition.payloadType().cast(data)
                : json.treeToValue(data, definition.payloadType());
        ActionContext context = new ActionContext(connection, definition.name(), requestId, writeKey);
        return definition.invoker().invoke(context, payload).thenApply(result -> (Object) result);
    }

    /** A call whose answer is sent as the action's success or mapped error. */
    private interface Call {
        CompletionStage<?> start() throws Exception;
    }

    private void respond(Connection connection, String requestId, String action, ErrorCode failureCode, Call call) {
        respond(connection, requestId, action, failureCode, call, () -> { });
    }

    /** Starts {@code call} and answers with its outcome; {@code onStartFailure} runs if it fails to start. */
    private void respond(Connection connection, String requestId, String action, ErrorCode failureCode, Call call,
                         Runnable onStartFailure) {
        try {
            call.start().whenComplete((result, failure) -> {
                if (failure != null) {
                    ErrorMapper.WireError error = ErrorMapper.map(failure, action, failureCode);
                    sendError(connection, requestId, action, error.code(), error.message());
                } else {
                    sendSuccess(connection, requestId, action, result);
                }
            });
        } catch (Throwable failure) {
            onStartFailure.run();
            ErrorMapper.WireError error = ErrorMapper.map(failure, action, failureCode);
            sendError(connection, requestId, action, error.code(), error.message());
        }
    }

    /**
     * {@code subscribe {query, data}}: the read action {@code query} as a live query; its updates are
     * pushed as {@code subscription_update} envelopes.
     */
    private void subscribe(Connection connection, String requestId, ObjectNode request) {
        respond(connection, requestId, SUBSCRIBE_ACTION, ErrorCode.INTERNAL_ERROR, () -> {
            JsonNode query = request.get("query");
            if (query == null || query.isNull()) {
                throw BeaconException.missing("query");
            }
            JsonNode dataNode = request.get("data");
            if (!query.isTextual() || (dataNode != null && !dataNode.isNull() && !dataNode.isObject()) || request.size() > 2) {
                throw BeaconException.validation("subscribe takes {query: <read action name>, data: {...its fields}}");
            }
            var registered = registry.find(endpoint, query.asText());
            if (registered.isEmpty()) {
                throw new BeaconException(ErrorCode.UNKNOWN_ACTION, "unknown action: " + query.asText());
            }
            if (!registered.get().readOnly()) {
                throw ActionSubscriptions.notSubscribable(query.asText());
            }
            ObjectNode data = dataNode == null || dataNode.isNull() ? json.createObjectNode() : (ObjectNode) dataNode;
            return live(connection).subscribe(registered.get(), data,
                    (action, fields) -> {
                        try {
                            return invoke(connection, action, requestId, fields);
                        } catch (Exception e) {
                            return CompletableFuture.failedFuture(e);
                        }
                    },
                    (subscriptionId, update, offset) -> sendUpdate(connection, subscriptionId, update, offset));
        });
    }

    private ActionSubscriptions live(Connection connection) {
        return subscriptions.computeIfAbsent(connection.session().getId(), id -> liveQueries.forConnection(workers));
    }

    private void sendUpdate(Connection connection, String subscriptionId, Object data, String offset) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("action", "subscription_update");
        envelope.put("subscription_id", subscriptionId);
        envelope.put("status", "success");
        envelope.set("data", json.valueToTree(data));
        envelope.put("offset", offset);
        send(connection, envelope);
    }

    private static String extractWriteKey(ObjectNode data) {
        String key = null;
        for (String field : WRITE_KEY_FIELDS) {
            JsonNode value = data.remove(field);
            if (value != null && !value.isNull()) {
                if (!value.isTextual()) {
                    throw BeaconException.validation(field + " must be a string");
                }
                key = value.asText();
            }
        }
        return key;
    }

    private void renew(Connection connection, String requestId, ObjectNode data) {
        try {
            JsonNode token = data.get("token");
            if (token == null || token.isNull()) {
                throw BeaconException.missing("token");
            }
            if (!token.isTextual() || data.size() != 1) {
                throw BeaconException.validation("auth takes exactly one string field: token");
            }
            AccessGrant fresh = tokens.verifyAccess(token.asText());
            if (!fresh.user().uuid().equals(connection.user().uuid())) {
                throw new BeaconException(ErrorCode.FORBIDDEN, "the new token belongs to another user");
            }
            connection.renew(fresh);
            scheduleExpiry(connection);
            sendSuccess(connection, requestId, AUTH_ACTION, Map.of("expires_at", fresh.expiresAt().toString()));
        } catch (Throwable failure) {
            ErrorMapper.WireError error = ErrorMapper.map(failure, AUTH_ACTION, ErrorCode.UNAUTHORIZED);
            sendError(connection, requestId, AUTH_ACTION, error.code(), error.message());
        }
    }

    private void scheduleExpiry(Connection connection) {
        if (connection.expiry() != null) {
            connection.expiry().cancel(false);
        }
        long delay = Math.max(0, Duration.between(Instant.now(), connection.grant().expiresAt()).toNanos());
        connection.expiry(timers.schedule(() -> expire(connection), delay, TimeUnit.NANOSECONDS));
    }

    private void expire(Connection connection) {
        if (!connection.grant().isExpiredAt(Instant.now())) {
            // Renewed meanwhile, or the timer ran a little early (it keeps another clock): wait again.
            if (connection.session().isOpen()) {
                scheduleExpiry(connection);
            }
            return;
        }
        sendError(connection, null, AUTH_ACTION, ErrorCode.TOKEN_EXPIRED, "access token expired; reconnect with a fresh token");
        close(connection, CloseStatus.POLICY_VIOLATION.withReason("token expired"));
    }

    private void sendSuccess(Connection connection, String requestId, String action, Object data) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("request_id", requestId);
        envelope.put("action", action);
        envelope.put("status", "success");
        envelope.set("data", data == null ? json.createObjectNode() : json.valueToTree(data));
        send(connection, envelope);
    }

    private void sendError(Connection connection, String requestId, String action, ErrorCode code, String message) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("request_id", requestId);
        envelope.put("action", action);
        envelope.put("status", "error");
        envelope.putNull("data");
        ObjectNode error = envelope.putObject("error");
        error.put("message", message);
        error.put("code", code.wire());
        send(connection, envelope);
    }

    private void send(Connection connection, JsonNode envelope) {
        WebSocketSession session = connection.session();
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(json.writeValueAsString(envelope)));
        } catch (IOException | RuntimeException e) {
            // A slow or gone reader: the decorator has already closed the session if limits were passed.
            log.debug("Could not send to {}: {}", session.getId(), e.toString());
        }
    }

    private static void close(Connection connection, CloseStatus status) {
        try {
            connection.session().close(status);
        } catch (IOException e) {
            log.debug("Close failed: {}", e.toString());
        }
    }

    private String baseUrl(URI uri) {
        if (!limits.publicBaseUrl().isBlank()) {
            return limits.publicBaseUrl().replaceAll("/+$", "");
        }
        if (uri == null || uri.getHost() == null) {
            return "http://localhost";
        }
        String scheme = "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()) ? "https" : "http";
        return scheme + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}

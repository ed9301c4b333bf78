package io.beacon.gateway.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beacon.common.BeaconException;
import io.beacon.gateway.auth.AccessGrant;
import io.beacon.gateway.auth.TokenService;
import io.beacon.gateway.auth.WebSocketAuthInterceptor;
import io.beacon.gateway.feed.EventFeed;
import io.beacon.gateway.feed.FeedEvent;
import io.beacon.gateway.feed.FeedListener;
import io.beacon.gateway.ws.MessageAssembler;
import io.beacon.gateway.ws.MessageRate;
import io.beacon.gateway.ws.OutboundBuffers;
import io.beacon.gateway.ws.WebSocketLimits;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The channel endpoint {@code /api/v1/ws} (PRODUCT.md §5): authenticates the connection (handshake
 * token, or a first {@code auth} message), then answers {@code ping}, {@code auth} (renewal),
 * {@code subscribe}, {@code unsubscribe} and {@code stream_search}, and pushes the events of subscribed channels from the
 * {@link EventFeed}. Messages of one connection are handled in arrival order on the container's
 * thread; pushes come from the feed's threads through the session's send queue.
 */
public final class ChannelSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChannelSocketHandler.class);
    private static final String AUTH = "auth";
    private static final CloseStatus AUTH_CLOSE = CloseStatus.POLICY_VIOLATION.withReason("authentication failed");

    /** One message type of the protocol: {@code data} is always an object. */
    @FunctionalInterface
    private interface MessageHandler {
        void handle(ChannelConnection connection, String requestId, JsonNode root, JsonNode data);
    }

    private final EventFeed feed;
    private final TokenService tokens;
    private final WebSocketLimits limits;
    private final OutboundBuffers outbound;
    private final ChannelProperties properties;
    private final ScheduledExecutorService timers;
    private final ObjectMapper json;
    private final ChannelMessages messages;
    private final ChannelSearches searches;
    private final Map<String, MessageHandler> handlers = Map.of(
            "ping", this::ping,
            AUTH, this::renew,
            "subscribe", this::subscribe,
            "unsubscribe", this::unsubscribe,
            "stream_search", this::streamSearch);
    private final Map<String, ChannelConnection> connections = new ConcurrentHashMap<>();
    /** Set by {@link #disconnectAll()}: the server is stopping, new connections are told so at once. */
    private volatile boolean shuttingDown;

    public ChannelSocketHandler(EventFeed feed, TokenService tokens, WebSocketLimits limits, OutboundBuffers outbound,
                                ChannelProperties properties,
                                ScheduledExecutorService timers, ObjectMapper json, ChannelMessages messages,
                                ChannelSearches searches) {
        this.feed = feed;
        this.tokens = tokens;
        this.limits = limits;
        this.outbound = outbound;
        this.properties = properties;
        this.timers = timers;
        this.json = json;
        this.messages = messages;
        this.searches = searches;
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
        ChannelConnection connection = new ChannelConnection(UUID.randomUUID().toString(), session, grant,
                MessageRate.perMinute(limits.channelMessagesPerMinute()));
        connections.put(raw.getId(), connection);
        if (shuttingDown) {
            // Accepted while the server was stopping: told at once, like every other client.
            disconnect(connection);
            return;
        }
        if (grant != null) {
            connected(connection, null);
        } else {
            connection.timer(timers.schedule(() -> authTimedOut(connection),
                    properties.authTimeout().toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChannelConnection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.close().forEach(ChannelConnection.Active::cancel);
            searches.cancel(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", session.getId(), exception.toString());
    }

    /** A pong (the answer to the server's ping, or unsolicited) shows the client is there: it is not idle. */
    @Override
    protected void handlePongMessage(WebSocketSession raw, PongMessage message) {
        ChannelConnection connection = connections.get(raw.getId());
        if (connection != null) {
            connection.received();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        ChannelConnection connection = connections.get(raw.getId());
        if (connection == null) {
            return;
        }
        connection.received();
        String text;
        try {
            text = connection.assembler().add(message.getPayload(), message.getPayloadLength(), message.isLast(),
                    limits.maxMessageBytes());
        } catch (MessageAssembler.TooLarge e) {
            messages.error(connection, null, ChannelErrorCode.MESSAGE_TOO_LARGE,
                    "message larger than " + limits.maxMessageBytes() + " bytes", Map.of("max_bytes", limits.maxMessageBytes()));
            close(connection, CloseStatus.TOO_BIG_TO_PROCESS);
            return;
        }
        if (text == null) {
            return;
        }
        if (connection.isAuthenticated()) {
            dispatch(connection, text);
        } else {
            authenticateFirst(connection, text);
        }
    }

    private void dispatch(ChannelConnection connection, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        // Every message counts against the rate, even one that is not JSON.
        if (rateLimited(connection, root)) {
            return;
        }
        if (root == null) {
            messages.error(connection, null, ChannelErrorCode.INVALID_FORMAT, "message is not valid JSON", Map.of());
            return;
        }
        if (!root.isObject()) {
            messages.error(connection, null, ChannelErrorCode.INVALID_FORMAT, "message must be a JSON object", Map.of());
            return;
        }
        JsonNode idNode = root.get("request_id");
        String requestId = idNode != null && idNode.isValueNode() && !idNode.isNull() ? idNode.asText() : null;
        try {
            if (idNode != null && !idNode.isNull() && !idNode.isValueNode()) {
                throw ChannelException.invalidRequest("request_id must be a string");
            }
            JsonNode typeNode = root.get("type");
            if (typeNode == null || typeNode.isNull()) {
                throw ChannelException.invalidRequest("Missing required field: type");
            }
            if (!typeNode.isTextual()) {
                throw ChannelException.invalidRequest("type must be a string");
            }
            MessageHandler handler = handlers.get(typeNode.asText());
            if (handler == null) {
                throw new ChannelException(ChannelErrorCode.INVALID_REQUEST, "unknown message type: " + typeNode.asText(),
                        Map.of("type", typeNode.asText(), "supported", handlers.keySet().stream().sorted().toList()));
            }
            JsonNode data = root.get("data");
            if (data == null || data.isNull()) {
                data = json.createObjectNode();
            } else if (!data.isObject()) {
                throw ChannelException.invalidRequest("data must be an object");
            }
            handler.handle(connection, requestId, root, data);
        } catch (ChannelException e) {
            messages.error(connection, requestId, e.code(), e.getMessage(), e.details());
        } catch (RuntimeException e) {
            log.warn("Channel message failed on {}", connection.id(), e);
            messages.error(connection, requestId, ChannelErrorCode.INTERNAL_ERROR, "internal error", Map.of());
        }
    }

    /** The first message of a connection opened without a token must be a valid {@code auth}. */
    private void authenticateFirst(ChannelConnection connection, String text) {
        String requestId = null;
        try {
            JsonNode root = json.readTree(text);
            if (root == null || !root.isObject() || !AUTH.equals(root.path("type").asText(null))) {
                refuseAuth(connection, null, "the first message must be {\"type\":\"auth\",\"token\":\"...\"}");
                return;
            }
            requestId = root.path("request_id").isValueNode() && !root.path("request_id").isNull()
                    ? root.path("request_id").asText() : null;
            AccessGrant grant = tokens.verifyAccess(tokenOf(root));
            synchronized (connection) {
                if (!connection.session().isOpen()) {
                    return;
                }
                connection.grant(grant);
            }
            connected(connection, requestId);
        } catch (JsonProcessingException e) {
            refuseAuth(connection, null, "the first message must be {\"type\":\"auth\",\"token\":\"...\"}");
        } catch (BeaconException | ChannelException e) {
            refuseAuth(connection, requestId, e.getMessage());
        }
    }

    private void connected(ChannelConnection connection, String requestId) {
        scheduleExpiry(connection);
        messages.reply(connection, "connected",
                Map.of("session_id", connection.id(), "user_id", connection.user().uuid()), requestId);
    }

    private void refuseAuth(ChannelConnection connection, String requestId, String message) {
        messages.error(connection, requestId, ChannelErrorCode.AUTH_FAILED, message, Map.of());
        close(connection, AUTH_CLOSE);
    }

    private void authTimedOut(ChannelConnection connection) {
        synchronized (connection) {
            if (connection.isAuthenticated() || !connection.session().isOpen()) {
                return;
            }
            messages.error(connection, null, ChannelErrorCode.AUTH_FAILED,
                    "no auth message within " + properties.authTimeout().toSeconds() + " s", Map.of());
            close(connection, CloseStatus.POLICY_VIOLATION.withReason("authentication timed out"));
        }
    }

    private void ping(ChannelConnection connection, String requestId, JsonNode root, JsonNode data) {
        messages.reply(connection, "pong", null, requestId);
    }

    /** {@code auth} on an authenticated connection: a fresh token of the same user extends it. */
    private void renew(ChannelConnection connection, String requestId, JsonNode root, JsonNode data) {
        AccessGrant fresh;
        try {
            fresh = tokens.verifyAccess(tokenOf(root));
        } catch (BeaconException e) {
            throw new ChannelException(ChannelErrorCode.AUTH_FAILED, e.getMessage(), Map.of());
        }
        if (!fresh.user().uuid().equals(connection.user().uuid())) {
            throw new ChannelException(ChannelErrorCode.AUTH_FAILED, "the new token belongs to another user", Map.of());
        }
        connection.grant(fresh);
        scheduleExpiry(connection);
        messages.reply(connection, "authenticated",
                Map.of("user_id", fresh.user().uuid(), "expires_at", fresh.expiresAt().toString()), requestId);
    }

    private void subscribe(ChannelConnection connection, String requestId, JsonNode root, JsonNode data) {
        ChannelRequests.Subscribe request = ChannelRequests.subscribe(data);
        // All or nothing: every channel is checked before any is subscribed.
        request.channels().forEach(channel -> ChannelNames.requireSubscribable(channel, connection.user()));
        // The answer goes first, so it precedes every event of the new subscriptions; a channel without
        // since starts at the feed's position before the answer, so an event stored after the client has
        // the answer is never missed, however long the answer took to send.
        long live = feed.position();
        messages.reply(connection, "subscribed", Map.of("channels", request.channels()), requestId);
        for (String channel : request.channels()) {
            Long since = request.since().get(channel);
            start(connection, requestId, channel, since != null ? since : live);
        }
    }

    private void start(ChannelConnection connection, String requestId, String channel, Long since) {
        ChannelConnection.Active active = new ChannelConnection.Active();
        List<ChannelConnection.Active> replaced = new ArrayList<>();
        if (connection.replace(channel, active, replaced) == null) {
            return;
        }
        replaced.forEach(ChannelConnection.Active::cancel);
        FeedListener listener = new FeedListener() {
            @Override
            public void onEvent(String ignored, FeedEvent event) {
                if (active.isActive()) {
                    messages.event(connection, channel, event);
                }
            }

            @Override
            public void onCutOff(String ignored) {
                if (active.isActive()) {
                    cutOff(connection, channel);
                }
            }
        };
        try {
            // A public channel may read several feed channels (notifications: the user's and the
            // broadcasts'); one feed subscription over all of them keeps their events in offset order,
            // so one since resumes them all.
            active.attach(feed.subscribe(ChannelNames.feedChannels(channel, connection.user()), since, listener));
        } catch (RuntimeException e) {
            connection.remove(channel, active);
            active.cancel();
            boolean refused = e instanceof IllegalArgumentException;
            if (!refused) {
                log.warn("Subscribing {} to {} failed", connection.id(), channel, e);
            }
            messages.error(connection, requestId,
                    refused ? ChannelErrorCode.INVALID_REQUEST : ChannelErrorCode.INTERNAL_ERROR,
                    refused ? e.getMessage() : "could not subscribe to " + channel, Map.of("channel", channel));
        }
    }

    /**
     * The client fell too far behind on {@code channel}. Closing (rather than dropping the one channel)
     * makes every client notice: reconnecting and subscribing with {@code since} loses nothing.
     */
    private void cutOff(ChannelConnection connection, String channel) {
        messages.error(connection, null, ChannelErrorCode.SUBSCRIPTION_FAILED,
                "too many undelivered events on " + channel + "; reconnect and subscribe with since",
                Map.of("channel", channel, "reason", "too_slow"));
        close(connection, CloseStatus.SERVICE_OVERLOAD.withReason("subscriber too slow"));
    }

    /** {@code stream_search}: the hits follow as {@code search_result}s, then {@code search_complete}. */
    private void streamSearch(ChannelConnection connection, String requestId, JsonNode root, JsonNode data) {
        searches.start(connection, requestId, data);
    }

    private void unsubscribe(ChannelConnection connection, String requestId, JsonNode root, JsonNode data) {
        List<String> channels = ChannelRequests.unsubscribe(data);
        for (String channel : channels) {
            ChannelConnection.Active active = connection.remove(channel, null);
            if (active != null) {
                active.cancel();
            }
        }
        messages.reply(connection, "unsubscribed", Map.of("channels", channels), requestId);
    }

    /** The token of an {@code auth} message: top-level {@code token}, or {@code data.token}. */
    private static String tokenOf(JsonNode root) {
        JsonNode token = root.get("token");
        if (token == null || token.isNull()) {
            token = root.path("data").get("token");
        }
        if (token == null || token.isNull()) {
            throw new ChannelException(ChannelErrorCode.AUTH_FAILED, "Missing required field: token", Map.of());
        }
        if (!token.isTextual()) {
            throw new ChannelException(ChannelErrorCode.AUTH_FAILED, "token must be a string", Map.of());
        }
        return token.asText();
    }

    private void scheduleExpiry(ChannelConnection connection) {
        long delay = Math.max(0, Duration.between(Instant.now(), connection.grant().expiresAt()).toNanos());
        connection.timer(timers.schedule(() -> expire(connection), delay, TimeUnit.NANOSECONDS));
    }

    private void expire(ChannelConnection connection) {
        if (!connection.session().isOpen()) {
            return;
        }
        if (!connection.grant().isExpiredAt(Instant.now())) {
            // Renewed meanwhile, or the timer ran a little early (it keeps another clock): wait again.
            scheduleExpiry(connection);
            return;
        }
        messages.error(connection, null, ChannelErrorCode.TOKEN_EXPIRED,
                "access token expired; send {\"type\":\"auth\",\"token\":...} before it does, or reconnect", Map.of());
        close(connection, CloseStatus.POLICY_VIOLATION.withReason("token expired"));
    }

    /**
     * Takes one message from the connection's budget ({@code beacon.websocket.channel-messages-per-minute});
     * if it is spent, answers {@code RATE_LIMITED} (the connection is kept) and returns true.
     */
    private boolean rateLimited(ChannelConnection connection, JsonNode root) {
        ConsumptionProbe probe = connection.messageRate().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return false;
        }
        JsonNode idNode = root != null && root.isObject() ? root.get("request_id") : null;
        String requestId = idNode != null && idNode.isValueNode() && !idNode.isNull() ? idNode.asText() : null;
        long retryAfterMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()));
        messages.error(connection, requestId, ChannelErrorCode.RATE_LIMITED,
                "more than " + limits.channelMessagesPerMinute() + " messages per minute",
                Map.of("limit_per_minute", limits.channelMessagesPerMinute(), "retry_after_ms", retryAfterMs));
        return true;
    }

    /**
     * Run every {@code beacon.channel.ping-interval}: closes (1001, after a {@code disconnecting} message
     * with reason {@code idle_timeout}) each connection whose client sent nothing, not even a pong, for
     * {@code beacon.websocket.idle-timeout}, and pings every other one.
     */
    void heartbeat() {
        Duration idleTimeout = limits.idleTimeout();
        for (ChannelConnection connection : connections.values()) {
            if (!connection.session().isOpen()) {
                continue;
            }
            try {
                if (!idleTimeout.isZero() && connection.silence().compareTo(idleTimeout) >= 0) {
                    messages.reply(connection, "disconnecting",
                            Map.of("reason", "idle_timeout", "idle_timeout_ms", idleTimeout.toMillis()), null);
                    close(connection, CloseStatus.GOING_AWAY.withReason("idle timeout"));
                } else {
                    connection.session().sendMessage(new PingMessage());
                }
            } catch (IOException | RuntimeException e) {
                // A slow or gone reader: the decorator has already closed the session if limits were passed.
                log.debug("Heartbeat of {} failed: {}", connection.id(), e.toString());
            }
        }
    }

    /**
     * Graceful shutdown: every open connection gets {@code disconnecting} {@code {reason: "server_shutdown",
     * reconnect_delay_ms}} and then close 1001 (going away); connections opened from now on get the same at once.
     */
    void disconnectAll() {
        shuttingDown = true;
        connections.values().forEach(this::disconnect);
    }

    private void disconnect(ChannelConnection connection) {
        if (!connection.session().isOpen()) {
            return;
        }
        messages.reply(connection, "disconnecting", Map.of("reason", "server_shutdown",
                "reconnect_delay_ms", properties.shutdownReconnectDelay().toMillis()), null);
        close(connection, CloseStatus.GOING_AWAY.withReason("server shutdown"));
    }

    /** Open connections of this endpoint on this node. */
    public int openConnections() {
        return connections.size();
    }

    private static void close(ChannelConnection connection, CloseStatus status) {
        try {
            connection.session().close(status);
        } catch (IOException e) {
            log.debug("Close failed: {}", e.toString());
        }
    }
}

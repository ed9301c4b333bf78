package io.beacon.gateway.channel;

import io.beacon.gateway.auth.AccessGrant;
import io.beacon.gateway.auth.AuthenticatedUser;
import io.beacon.gateway.feed.FeedSubscription;
import io.beacon.gateway.ws.MessageAssembler;
import io.github.bucket4j.Bucket;
import org.springframework.web.socket.WebSocketSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * One client of the channel endpoint: its (decorated, thread-safe) session, who it is once
 * authenticated, the message being assembled, and its live subscriptions by channel.
 */
final class ChannelConnection {

    private final String id;
    private final WebSocketSession session;
    private final MessageAssembler assembler = new MessageAssembler();
    private final Bucket messageRate;
    /** {@link System#nanoTime()} of the last frame received from the client (a message or a pong). */
    private volatile long lastReceived = System.nanoTime();
    private volatile AccessGrant grant;
    private volatile ScheduledFuture<?> timer;
    /** Guarded by {@code this}, as is {@link #closed}. */
    private final Map<String, Active> subscriptions = new LinkedHashMap<>();
    private boolean closed;

    ChannelConnection(String id, WebSocketSession session, AccessGrant grant, Bucket messageRate) {
        this.id = id;
        this.session = session;
        this.grant = grant;
        this.messageRate = messageRate;
    }

    /** The inbound message budget of this connection ({@code beacon.websocket.channel-messages-per-minute}). */
    Bucket messageRate() {
        return messageRate;
    }

    /** Notes that the client sent something: it is not idle. */
    void received() {
        lastReceived = System.nanoTime();
    }

    /** How long since the client last sent anything (a message or a pong). */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastReceived);
    }

    String id() {
        return id;
    }

    WebSocketSession session() {
        return session;
    }

    boolean isAuthenticated() {
        return grant != null;
    }

    AccessGrant grant() {
        return grant;
    }

    AuthenticatedUser user() {
        return grant.user();
    }

    void grant(AccessGrant fresh) {
        this.grant = fresh;
    }

    /** The auth-timeout or token-expiry timer, whichever is pending; replacing one cancels the other. */
    void timer(ScheduledFuture<?> next) {
        ScheduledFuture<?> previous = this.timer;
        this.timer = next;
        if (previous != null && previous != next) {
            previous.cancel(false);
        }
    }

    /** Assembles this connection's messages from their frames. */
    MessageAssembler assembler() {
        return assembler;
    }

    /**
     * Registers a new subscription of {@code channel}, deactivating and returning the one it replaces.
     * Returns null and registers nothing if the connection is already closed.
     */
    synchronized Active replace(String channel, Active next, List<Active> replaced) {
        if (closed) {
            return null;
        }
        Active previous = subscriptions.put(channel, next);
        if (previous != null) {
            replaced.add(previous);
        }
        return next;
    }

    /** Removes the subscription of {@code channel} if it is still {@code expected} (or any, if null). */
    synchronized Active remove(String channel, Active expected) {
        Active current = subscriptions.get(channel);
        if (current == null || expected != null && current != expected) {
            return null;
        }
        return subscriptions.remove(channel);
    }

    /** Marks the connection closed and hands back every subscription, for cancelling. */
    synchronized List<Active> close() {
        closed = true;
        List<Active> all = new ArrayList<>(subscriptions.values());
        subscriptions.clear();
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
        }
        return all;
    }

    /**
     * One subscription of this connection. Deliveries check {@link #isActive()}: once replaced,
     * unsubscribed or closed, an event the feed was already handing over is dropped, not sent.
     */
    static final class Active {

        private volatile boolean active = true;
        private volatile FeedSubscription feed;

        boolean isActive() {
            return active;
        }

        void attach(FeedSubscription subscription) {
            this.feed = subscription;
            if (!active) {
                subscription.cancel();
            }
        }

        void cancel() {
            active = false;
            FeedSubscription subscription = feed;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** The message being assembled grew over the size limit. */
}

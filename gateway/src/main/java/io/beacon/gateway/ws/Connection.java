package io.beacon.gateway.ws;

import io.beacon.gateway.auth.AccessGrant;
import io.beacon.gateway.auth.AuthenticatedUser;
import io.github.bucket4j.Bucket;
import org.springframework.web.socket.WebSocketSession;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;

/**
 * One client connection on an action endpoint: who it is, where it connected, and the limits it
 * is held to. All sends go through the session, a {@code ConcurrentWebSocketSessionDecorator}.
 */
public final class Connection {

    private final WebSocketSession session;
    private final String baseUrl;
    private final Semaphore inFlight;
    private final Bucket messageRate;
    private final MessageAssembler assembler = new MessageAssembler();
    private volatile AccessGrant grant;
    private volatile ScheduledFuture<?> expiry;

    Connection(WebSocketSession session, AccessGrant grant, String baseUrl, int maxInFlight, Bucket messageRate) {
        this.session = session;
        this.grant = grant;
        this.baseUrl = baseUrl;
        this.inFlight = new Semaphore(maxInFlight);
        this.messageRate = messageRate;
    }

    public AuthenticatedUser user() {
        return grant.user();
    }

    public AccessGrant grant() {
        return grant;
    }

    /** The server's own base URL as the client reached it, e.g. {@code http://host:8000}. */
    public String baseUrl() {
        return baseUrl;
    }

    public WebSocketSession session() {
        return session;
    }

    void renew(AccessGrant fresh) {
        this.grant = fresh;
    }

    Semaphore inFlight() {
        return inFlight;
    }

    Bucket messageRate() {
        return messageRate;
    }

    MessageAssembler assembler() {
        return assembler;
    }

    ScheduledFuture<?> expiry() {
        return expiry;
    }

    void expiry(ScheduledFuture<?> expiry) {
        this.expiry = expiry;
    }
}

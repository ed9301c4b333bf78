package io.beacon.gateway.ws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions every send of both kinds of endpoint goes through, and what they hold: a send is safe
 * from many threads, and a reader that lets {@link WebSocketLimits#sendBufferBytes()} pile up, or blocks
 * one send past {@link WebSocketLimits#sendTimeLimit()}, is disconnected (Spring's
 * {@link ConcurrentWebSocketSessionDecorator}, strategy {@code TERMINATE}). What the buffers hold is
 * counted here, so the bound can be seen to hold: {@link #bufferedBytes()} now, over all sessions, and
 * {@link #peakSessionBytes()}, the most one session ever held.
 */
@Component
public class OutboundBuffers {

    private final WebSocketLimits limits;
    /** The sessions still reachable; a closed session leaves once collected (weak keys, Caffeine). */
    private final Cache<Buffered, Boolean> sessions = Caffeine.newBuilder().weakKeys().build();
    private final AtomicLong peak = new AtomicLong();
    /**
     * Closes sessions past their limits off the sending thread: a close waits behind the stalled send
     * (up to the container's blocking-send timeout), and the sender may be the one heartbeat thread.
     */
    private final ExecutorService closer = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "websocket-close");
        thread.setDaemon(true);
        return thread;
    });

    public OutboundBuffers(WebSocketLimits limits) {
        this.limits = limits;
    }

    /** The session to send through instead of {@code raw}. */
    public WebSocketSession decorate(WebSocketSession raw) {
        Buffered session = new Buffered(raw, (int) limits.sendTimeLimit().toMillis(), limits.sendBufferBytes());
        sessions.put(session, Boolean.TRUE);
        return session;
    }

    /** Bytes waiting in the send buffers of all sessions now. */
    public long bufferedBytes() {
        return sessions.asMap().keySet().stream().mapToLong(Buffered::getBufferSize).sum();
    }

    /** The most bytes one session has had waiting after a send: at most the bound plus one message. */
    public long peakSessionBytes() {
        return peak.get();
    }

    private final class Buffered extends ConcurrentWebSocketSessionDecorator {

        Buffered(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit) {
            super(delegate, sendTimeLimit, bufferSizeLimit, OverflowStrategy.TERMINATE);
        }

        /**
         * Past a limit, Spring's decorator throws once and from then on drops every message silently,
         * leaving the connection open: a client would wait forever for pushes that never come. So the
         * connection is closed at once, on another thread (Spring reports it as {@code SESSION_NOT_RELIABLE}, 4500):
         * the client knows, and may reconnect and resume with {@code since}.
         */
        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            try {
                super.sendMessage(message);
            } catch (SessionLimitExceededException e) {
                closer.execute(() -> {
                    try {
                        close(e.getStatus());
                    } catch (IOException | RuntimeException gone) {
                        // Closing a connection already broken.
                    }
                });
                throw e;
            } finally {
                peak.accumulateAndGet(getBufferSize(), Math::max);
            }
        }
    }
}

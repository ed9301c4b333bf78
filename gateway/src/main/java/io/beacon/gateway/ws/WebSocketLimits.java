package io.beacon.gateway.ws;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.time.Duration;

/**
 * Per-connection limits of the action endpoints (PRODUCT.md §7), all configurable.
 *
 * @param maxMessageBytes          largest inbound message; larger ones get {@code message_too_large} and close 1009
 * @param maxInFlight              requests of one connection being worked on at once
 * @param actionMessagesPerMinute  inbound messages per minute per connection before {@code rate_limited}
 * @param sendBufferBytes          outbound bytes queued for a slow reader before it is disconnected
 * @param sendTimeLimit            longest a single send may block before the reader is disconnected
 * @param idleTimeout              a connection with no traffic for this long is closed
 * @param workerThreads            threads that run actions for all connections
 * @param publicBaseUrl            base of {@code next}/{@code previous} URLs; empty means the address the client used
 */
@ConfigurationProperties("beacon.websocket")
public record WebSocketLimits(
        @DefaultValue("65536") int maxMessageBytes,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("6000") int actionMessagesPerMinute,
        @DefaultValue("1048576") int sendBufferBytes,
        @DefaultValue("PT10S") Duration sendTimeLimit,
        @DefaultValue("PT5M") Duration idleTimeout,
        @DefaultValue("32") int workerThreads,
        @DefaultValue("") String publicBaseUrl) {

    /**
     * The session all sends go through: safe from many threads, and a reader that lets
     * {@link #sendBufferBytes} pile up or blocks a send past {@link #sendTimeLimit} is disconnected.
     */
    public WebSocketSession decorate(WebSocketSession raw) {
        return new ConcurrentWebSocketSessionDecorator(raw, (int) sendTimeLimit.toMillis(), sendBufferBytes,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    }
}

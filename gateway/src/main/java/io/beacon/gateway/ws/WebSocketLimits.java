package io.beacon.gateway.ws;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Per-connection limits of the action endpoints (PRODUCT.md §7), all configurable.
 *
 * @param maxMessageBytes          largest inbound message; larger ones get {@code message_too_large} and close 1009
 * @param maxInFlight              requests of one connection being worked on at once
 * @param actionMessagesPerMinute  inbound messages per minute per connection before {@code rate_limited}
 * @param sendBufferBytes          outbound bytes queued for a slow reader before it is disconnected ({@link OutboundBuffers})
 * @param sendTimeLimit            longest a single send may block before the reader is disconnected
 * @param idleTimeout              a connection with no traffic for this long is closed (action endpoints: by the
 *                                 container, no traffic either way; {@code /api/v1/ws}: nothing received from the
 *                                 client, pongs included, see {@code ChannelSocketHandler})
 * @param workerThreads            threads that run actions for all connections
 * @param publicBaseUrl            base of {@code next}/{@code previous} URLs; empty means the address the client used
 * @param channelMessagesPerMinute inbound messages per minute per connection on {@code /api/v1/ws} before
 *                                 {@code RATE_LIMITED} (the connection is kept)
 * @param maxConnectionsPerIp      open WebSocket connections per client IP, all endpoints together; the upgrade
 *                                 beyond it is refused with HTTP 429; 0 means no limit
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
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("100") int channelMessagesPerMinute,
        @DefaultValue("100") int maxConnectionsPerIp) {
}

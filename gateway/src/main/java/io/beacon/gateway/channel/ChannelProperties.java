package io.beacon.gateway.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the channel endpoint {@code /api/v1/ws}. Message size, send buffer, idle timeout,
 * connections per IP and the channel message rate are shared with the action endpoints'
 * {@code beacon.websocket.*} ({@code WebSocketLimits}).
 *
 * @param authTimeout            how long a connection opened without a token may take to send its
 *                               {@code auth} message before it is closed with 1008
 * @param pingInterval           how often the server sends a WebSocket ping to every connection, and
 *                               checks it for the idle timeout ({@code beacon.websocket.idle-timeout})
 * @param shutdownReconnectDelay {@code reconnect_delay_ms} of the {@code disconnecting} message sent to
 *                               every client when the server shuts down gracefully
 */
@ConfigurationProperties("beacon.channel")
public record ChannelProperties(@DefaultValue("PT10S") Duration authTimeout,
                                @DefaultValue("PT30S") Duration pingInterval,
                                @DefaultValue("PT5S") Duration shutdownReconnectDelay) {
}

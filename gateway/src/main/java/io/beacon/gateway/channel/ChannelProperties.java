package io.beacon.gateway.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the channel endpoint {@code /api/v1/ws}. Message size, send buffer and idle limits are
 * shared with the action endpoints ({@code beacon.websocket.*}).
 *
 * @param authTimeout how long a connection opened without a token may take to send its
 *                    {@code auth} message before it is closed with 1008
 */
@ConfigurationProperties("beacon.channel")
public record ChannelProperties(@DefaultValue("PT10S") Duration authTimeout) {
}

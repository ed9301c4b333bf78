package io.beacon.gateway.channel;

import io.beacon.gateway.auth.TokenService;
import io.beacon.gateway.feed.EventFeed;
import io.beacon.gateway.ws.OutboundBuffers;
import io.beacon.gateway.ws.WebSocketLimits;
import io.beacon.gateway.ws.WireJson;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the channel endpoint's socket handler; {@code WebSocketConfiguration} registers it at {@code /api/v1/ws}. */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    @Bean
    static ChannelSocketHandler channelSocketHandler(EventFeed feed, TokenService tokens, WebSocketLimits limits,
                                                     OutboundBuffers outbound,
                                                     ChannelProperties properties,
                                                     @Qualifier("connectionTimers") ScheduledExecutorService timers,
                                                     QueryGateway queries) {
        ChannelMessages messages = new ChannelMessages(WireJson.MAPPER, Clock.systemUTC());
        return new ChannelSocketHandler(feed, tokens, limits, outbound, properties, timers, WireJson.MAPPER, messages,
                new ChannelSearches(queries, messages));
    }

    /** Heartbeat (pings, idle timeout) while running; {@code disconnecting} to every client on shutdown. */
    @Bean
    static ChannelLifecycle channelLifecycle(ChannelSocketHandler channelSocketHandler, ChannelProperties properties,
                                             @Qualifier("connectionTimers") ScheduledExecutorService timers) {
        return new ChannelLifecycle(channelSocketHandler, properties, timers);
    }
}

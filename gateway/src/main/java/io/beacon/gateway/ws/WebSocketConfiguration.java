package io.beacon.gateway.ws;

import io.beacon.gateway.auth.TokenService;
import io.beacon.gateway.auth.WebSocketAuthInterceptor;
import io.beacon.gateway.channel.ChannelSocketHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the action endpoints: one {@link ActionSocketHandler} per {@link Endpoint}, each behind
 * the handshake authentication; and the channel endpoint {@value #CHANNEL_PATH}, whose handshake may
 * come without a token (the first message then authenticates).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String CHANNEL_PATH = "/api/v1/ws";

    private final ActionSocketHandlers handlers;
    private final WebSocketAuthInterceptor authInterceptor;
    private final ChannelSocketHandler channelHandler;
    private final WebSocketAuthInterceptor channelAuthInterceptor;
    private final ConnectionsPerIp connectionsPerIp;

    WebSocketConfiguration(ActionSocketHandlers handlers, WebSocketAuthInterceptor authInterceptor,
                           ChannelSocketHandler channelHandler,
                           @Qualifier(WebSocketAuthInterceptor.ANONYMOUS_BEAN_NAME) WebSocketAuthInterceptor channelAuthInterceptor,
                           ConnectionsPerIp connectionsPerIp) {
        this.connectionsPerIp = connectionsPerIp;
        this.handlers = handlers;
        this.authInterceptor = authInterceptor;
        this.channelHandler = channelHandler;
        this.channelAuthInterceptor = channelAuthInterceptor;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // The per-IP count comes first: an upgrade over the limit is refused before any other work.
        for (Endpoint endpoint : Endpoint.values()) {
            registry.addHandler(connectionsPerIp.track(handlers.get(endpoint)), endpoint.path())
                    .addInterceptors(connectionsPerIp, authInterceptor)
                    .setAllowedOriginPatterns("*");
        }
        registry.addHandler(connectionsPerIp.track(channelHandler), CHANNEL_PATH)
                .addInterceptors(connectionsPerIp, channelAuthInterceptor)
                .setAllowedOriginPatterns("*");
    }

    /** One count of connections per client IP for every endpoint of this node. */
    @Bean
    static ConnectionsPerIp connectionsPerIp(WebSocketLimits limits) {
        return new ConnectionsPerIp(limits.maxConnectionsPerIp());
    }

    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        // No parameters: this factory bean is type-checked while components are still being
        // scanned, before properties can be injected; it reads them once the environment is set.
        return new ContainerLimits();
    }

    @Bean
    static ActionRegistry actionRegistry(List<ActionFamily> families) {
        return new ActionRegistry(families, WireJson.MAPPER);
    }

    @Bean(destroyMethod = "shutdownNow")
    static ExecutorService actionWorkers(WebSocketLimits limits) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(limits.workerThreads(), limits.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(100_000), r -> {
                    Thread t = new Thread(r, "beacon-action-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Bean(destroyMethod = "shutdownNow")
    static ScheduledExecutorService connectionTimers() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "beacon-connection-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    static ActionSocketHandlers actionSocketHandlers(ActionRegistry registry, TokenService tokens, WebSocketLimits limits,
                                                     OutboundBuffers outbound, ExecutorService actionWorkers, ScheduledExecutorService connectionTimers,
                                                     LiveQueries liveQueries) {
        return new ActionSocketHandlers(registry, tokens, limits, outbound, actionWorkers, connectionTimers, liveQueries);
    }
}

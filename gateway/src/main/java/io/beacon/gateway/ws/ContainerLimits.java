package io.beacon.gateway.ws;

import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import java.time.Duration;

/**
 * The servlet WebSocket container's limits, read from the environment: messages up to the size
 * limit arrive whole, larger ones arrive in parts (and are refused by the socket handler).
 */
final class ContainerLimits extends ServletServerContainerFactoryBean implements EnvironmentAware {

    @Override
    public void setEnvironment(Environment environment) {
        int maxMessageBytes = environment.getProperty("beacon.websocket.max-message-bytes", Integer.class, 65_536);
        Duration idleTimeout = environment.getProperty("beacon.websocket.idle-timeout", Duration.class, Duration.ofMinutes(5));
        setMaxTextMessageBufferSize(maxMessageBytes);
        setMaxBinaryMessageBufferSize(maxMessageBytes);
        setMaxSessionIdleTimeout(idleTimeout.toMillis());
    }
}

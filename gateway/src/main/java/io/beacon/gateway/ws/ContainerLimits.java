package io.beacon.gateway.ws;

import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import java.time.Duration;

/**
 * The servlet WebSocket container's limits, read from the environment: messages arrive in parts of
 * at most {@link #FRAME_BUFFER} characters, which the socket handlers assemble up to the size limit
 * (and refuse beyond it); the idle timeout.
 */
final class ContainerLimits extends ServletServerContainerFactoryBean implements EnvironmentAware {

    /** Per-session container buffer: larger messages reach the handlers in parts. */
    static final int FRAME_BUFFER = 8_192;

    @Override
    public void setEnvironment(Environment environment) {
        int maxMessageBytes = environment.getProperty("beacon.websocket.max-message-bytes", Integer.class, 65_536);
        Duration idleTimeout = environment.getProperty("beacon.websocket.idle-timeout", Duration.class, Duration.ofMinutes(5));
        // The container allocates these buffers for every session up front (a text buffer of N chars
        // is 2N bytes). The socket handlers take messages in parts and assemble them up to the size
        // limit themselves, so small buffers cost nothing but save ~170 KB per idle connection.
        int buffer = Math.min(maxMessageBytes, FRAME_BUFFER);
        setMaxTextMessageBufferSize(buffer);
        setMaxBinaryMessageBufferSize(buffer);
        setMaxSessionIdleTimeout(idleTimeout.toMillis());
    }
}

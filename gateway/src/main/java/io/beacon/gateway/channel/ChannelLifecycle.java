package io.beacon.gateway.channel;

import org.springframework.context.SmartLifecycle;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the channel endpoint's heartbeat (ping and idle check every {@code beacon.channel.ping-interval})
 * while the application runs, and on shutdown tells every client {@code disconnecting} and closes it
 * with 1001.
 * <p>
 * Phase {@link SmartLifecycle#DEFAULT_PHASE}: stopped among the first, before Spring Boot's graceful
 * shutdown of the web server ({@code DEFAULT_PHASE - 1024}) and the web server itself
 * ({@code DEFAULT_PHASE - 2048}), and before the event processing the feed relies on.
 */
final class ChannelLifecycle implements SmartLifecycle {

    private final ChannelSocketHandler handler;
    private final ChannelProperties properties;
    private final ScheduledExecutorService timers;
    private volatile ScheduledFuture<?> heartbeat;

    ChannelLifecycle(ChannelSocketHandler handler, ChannelProperties properties, ScheduledExecutorService timers) {
        this.handler = handler;
        this.properties = properties;
        this.timers = timers;
    }

    @Override
    public void start() {
        long every = properties.pingInterval().toNanos();
        heartbeat = timers.scheduleWithFixedDelay(handler::heartbeat, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = heartbeat;
        heartbeat = null;
        if (running != null) {
            running.cancel(false);
        }
        handler.disconnectAll();
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}

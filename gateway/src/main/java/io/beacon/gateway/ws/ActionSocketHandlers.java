package io.beacon.gateway.ws;

import io.beacon.gateway.auth.TokenService;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The socket handler of each action endpoint.
 */
public final class ActionSocketHandlers {

    private final Map<Endpoint, ActionSocketHandler> handlers = new EnumMap<>(Endpoint.class);

    ActionSocketHandlers(ActionRegistry registry, TokenService tokens, WebSocketLimits limits, OutboundBuffers outbound,
                         ExecutorService workers, ScheduledExecutorService timers, LiveQueries liveQueries) {
        for (Endpoint endpoint : Endpoint.values()) {
            handlers.put(endpoint, new ActionSocketHandler(endpoint, registry, WireJson.MAPPER, tokens, limits, outbound,
                    workers, timers, liveQueries));
        }
    }

    public ActionSocketHandler get(Endpoint endpoint) {
        return handlers.get(endpoint);
    }
}

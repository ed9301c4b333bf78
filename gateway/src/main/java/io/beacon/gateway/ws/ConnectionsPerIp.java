package io.beacon.gateway.ws;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections-per-client-IP limit (PRODUCT.md §7, {@code beacon.websocket.max-connections-per-ip},
 * default 100, 0 = unlimited). One count per IP address covers every WebSocket endpoint of this node
 * (the action endpoints and {@code /api/v1/ws} together). An upgrade beyond the limit is refused with
 * HTTP 429 before any socket is opened.
 * <p>
 * A slot is taken in {@link #beforeHandshake}, given back in {@link #afterHandshake} if the handshake
 * did not end in an upgrade, else when the connection closes ({@link #track} wraps the endpoint's handler).
 * The client IP is the address of the TCP peer as the servlet container reports it (behind a proxy,
 * configure {@code server.forward-headers-strategy} so that it is the client's, not the proxy's).
 */
public final class ConnectionsPerIp implements HandshakeInterceptor {

    private static final String SLOT_ATTRIBUTE = ConnectionsPerIp.class.getName() + ".slot";

    private final int limit;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerIp(int limit) {
        this.limit = limit;
    }

    /** Connections (and upgrades in progress) counted for {@code ip} now. */
    public int count(String ip) {
        return open.getOrDefault(ip, 0);
    }

    /** Connections (and upgrades in progress) counted for every IP now. */
    public int total() {
        return open.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code handler}, giving back the connection's slot when it closes. */
    public WebSocketHandler track(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
                try {
                    super.afterConnectionClosed(session, closeStatus);
                } finally {
                    release(session.getAttributes());
                }
            }
        };
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String ip = ipOf(request);
        boolean[] taken = {false};
        open.compute(ip, (key, count) -> {
            int current = count == null ? 0 : count;
            if (limit > 0 && current >= limit) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            response.getHeaders().set("Retry-After", "5");
            return false;
        }
        Slot slot = new Slot(ip);
        attributes.put(SLOT_ATTRIBUTE, slot);
        if (request instanceof ServletServerHttpRequest servlet) {
            // afterHandshake is not handed the handshake attributes: it finds the slot on the request.
            servlet.getServletRequest().setAttribute(SLOT_ATTRIBUTE, slot);
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        boolean upgraded = exception == null && response instanceof ServletServerHttpResponse servlet
                && servlet.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
        if (!upgraded && request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(SLOT_ATTRIBUTE) instanceof Slot slot) {
            release(slot);
        }
    }

    private void release(Map<String, Object> attributes) {
        if (attributes.get(SLOT_ATTRIBUTE) instanceof Slot slot) {
            release(slot);
        }
    }

    private void release(Slot slot) {
        if (slot.released.compareAndSet(false, true)) {
            open.computeIfPresent(slot.ip, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    private static String ipOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static final class Slot {
        private final String ip;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(String ip) {
            this.ip = ip;
        }
    }
}

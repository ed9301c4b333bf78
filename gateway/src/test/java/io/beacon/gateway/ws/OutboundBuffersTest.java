package io.beacon.gateway.ws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The sessions every send goes through: a reader that holds one send past the time limit, or lets the
 * buffer pass its bound, is disconnected — not left open with every later message silently dropped
 * (what Spring's decorator alone does after its first {@link SessionLimitExceededException}), and not on
 * the sending thread, which the close would hold — and the buffers' accounting sees what they hold.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundBuffersTest {

    /** A session whose first send blocks until released: a reader that stopped reading. */
    private static final class StuckSession {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicReference<CloseStatus> closed = new AtomicReference<>();
        final WebSocketSession session = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendMessage" -> {
                        entered.countDown();
                        release.await(20, TimeUnit.SECONDS);
                        sent.add(((WebSocketMessage<?>) args[0]).getPayload().toString());
                        yield null;
                    }
                    case "close" -> {
                        closed.set(args == null || args.length == 0 ? CloseStatus.NORMAL : (CloseStatus) args[0]);
                        // As a container's close does: it waits behind the stalled send.
                        release.await(20, TimeUnit.SECONDS);
                        yield null;
                    }
                    case "isOpen" -> closed.get() == null;
                    case "getId" -> "stuck";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "StuckSession";
                    default -> null;
                });
    }

    private static OutboundBuffers buffers(Duration sendTimeLimit, int sendBufferBytes) {
        return new OutboundBuffers(new WebSocketLimits(65_536, 64, 6_000, sendBufferBytes, sendTimeLimit,
                Duration.ofMinutes(5), 4, "", 100, 100));
    }

    @Test
    void aSendBlockedPastTheTimeLimitClosesTheSessionAtTheNextSend() throws Exception {
        OutboundBuffers buffers = buffers(Duration.ofMillis(200), 1_000_000);
        StuckSession stuck = new StuckSession();
        WebSocketSession session = buffers.decorate(stuck.session);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> send(session, "first"));
        assertThat(stuck.entered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(400);

        // The sender is not held by the close, which waits behind the stalled send.
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(
                () -> session.sendMessage(new TextMessage("second"))).isInstanceOf(SessionLimitExceededException.class));
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.closed.get() != null);
        stuck.release.countDown();
        first.get(5, TimeUnit.SECONDS);
        assertThat(stuck.sent).containsExactly("first");
    }

    @Test
    void aBufferPastItsBoundClosesTheSessionAndTheAccountingSawIt() throws Exception {
        OutboundBuffers buffers = buffers(Duration.ofSeconds(10), 1_000);
        StuckSession stuck = new StuckSession();
        WebSocketSession session = buffers.decorate(stuck.session);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> send(session, "first"));
        assertThat(stuck.entered.await(5, TimeUnit.SECONDS)).isTrue();

        session.sendMessage(new TextMessage("x".repeat(600)));
        assertThat(buffers.bufferedBytes()).isEqualTo(600);
        assertThatThrownBy(() -> session.sendMessage(new TextMessage("y".repeat(600))))
                .isInstanceOf(SessionLimitExceededException.class);

        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.closed.get() != null);
        assertThat(buffers.peakSessionBytes()).as("the bound plus one message at most").isBetween(1_000L, 1_600L);
        stuck.release.countDown();
        first.get(5, TimeUnit.SECONDS);
    }

    private static void send(WebSocketSession session, String text) {
        try {
            session.sendMessage(new TextMessage(text));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.gateway.BeaconApplication;
import io.beacon.gateway.channel.ChannelSocketHandler;
import io.beacon.gateway.ws.ConnectionsPerIp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.ChannelScenarios.assertChannelError;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection limits of the channel endpoint {@code /api/v1/ws} (PRODUCT.md §7), with small limits
 * of their own: 5 messages a minute, 4 connections per IP (all endpoints together), a 3-second idle
 * timeout with a ping every half second, and a 64 KB send buffer.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.mongodb-uri=",
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=" + ChannelLimitsTest.WRITE_KEY,
                "beacon.auth.jwt-secret=channel-limit-tests-jwt-secret-0123456789abcdef",
                "beacon.auth.admin-email=" + ChannelLimitsTest.ADMIN_EMAIL,
                "beacon.auth.admin-password=" + ChannelLimitsTest.ADMIN_PASSWORD,
                "beacon.websocket.channel-messages-per-minute=" + ChannelLimitsTest.MESSAGES_PER_MINUTE,
                "beacon.websocket.max-connections-per-ip=" + ChannelLimitsTest.CONNECTIONS_PER_IP,
                "beacon.websocket.idle-timeout=PT" + ChannelLimitsTest.IDLE_SECONDS + "S",
                "beacon.websocket.send-buffer-bytes=65536",
                "beacon.websocket.send-time-limit=PT2S",
                "beacon.channel.ping-interval=500ms",
        })
class ChannelLimitsTest {

    static final String WRITE_KEY = "wk-channel-limits-8e1f";
    static final String ADMIN_EMAIL = "admin@channel-limits.beacon.test";
    static final String ADMIN_PASSWORD = "admin-password-channel-limits";
    static final int MESSAGES_PER_MINUTE = 5;
    static final int CONNECTIONS_PER_IP = 4;
    static final int IDLE_SECONDS = 3;
    private static final int GOING_AWAY = 1001;
    private static final int TOO_MANY_REQUESTS = 429;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dir = TempDirs.create("beacon-channel-limits").toString();
        registry.add("beacon.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelSocketHandler channelHandler;

    @Autowired
    ConnectionsPerIp connectionsPerIp;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClientsAndAwaitTheirSlots() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        // Each test starts with every per-IP slot free again.
        awaitTrue(() -> connectionsPerIp.total() == 0, Duration.ofSeconds(15), "every connection slot given back");
    }

    // ---- 1. messages per minute ----

    @Test
    void messagesBeyondThePerMinuteBudgetAreRateLimitedAndTheConnectionIsKept() {
        ChannelClient client = channel(token());
        client.connected();
        for (int i = 0; i < MESSAGES_PER_MINUTE; i++) {
            assertThat(client.ping().path("type").asText()).isEqualTo("pong");
        }

        JsonNode limited = client.ping();
        client.sendRaw("not json at all");
        JsonNode limitedNotJson = client.ws().awaitNext(m -> "RATE_LIMITED".equals(m.path("data").path("error_code").asText())
                && !m.has("request_id"), "RATE_LIMITED without a request id");

        assertChannelError(limited, "RATE_LIMITED");
        assertThat(limited.path("data").path("details").path("limit_per_minute").asInt()).isEqualTo(MESSAGES_PER_MINUTE);
        assertThat(limited.path("data").path("details").path("retry_after_ms").asLong()).isPositive();
        // Every message counts, even one that is not JSON: it is refused for the rate, not the format.
        assertChannelError(limitedNotJson, "RATE_LIMITED");
        assertThat(client.ws().received()).noneMatch(m -> "INVALID_FORMAT".equals(m.path("data").path("error_code").asText()));
        assertThat(client.isOpen()).isTrue();
        assertThat(client.ws().closed()).isEmpty();

        ChannelClient fresh = channel(token());
        fresh.connected();
        assertThat(fresh.ping().path("type").asText()).as("another connection has its own budget").isEqualTo("pong");
    }

    // ---- 2. connections per client IP ----

    @Test
    void upgradesBeyondTheConnectionsPerIpAreRefusedWith429OnEveryEndpointUntilOneCloses() {
        String token = token();
        ChannelClient first = channel(token);
        ChannelClient second = channel(token);
        WsClient actionOne = action(token);
        WsClient actionTwo = action(token);
        first.connected();
        second.connected();

        int channelRefused = WsClient.refusedHandshakeStatus(ChannelClient.endpoint(port, token), Map.of());
        int tokenlessRefused = WsClient.refusedHandshakeStatus(ChannelClient.endpoint(port, null), Map.of());
        int actionRefused = WsClient.refusedHandshakeStatus(WsClient.companiesEndpoint(port, token), Map.of());

        assertThat(channelRefused).isEqualTo(TOO_MANY_REQUESTS);
        assertThat(tokenlessRefused).as("counted before authentication").isEqualTo(TOO_MANY_REQUESTS);
        assertThat(actionRefused).as("one count across endpoints").isEqualTo(TOO_MANY_REQUESTS);
        // The connections already open are not affected.
        assertThat(first.ping().path("type").asText()).isEqualTo("pong");
        assertThat(success(actionOne.call("count_companies", obj())).path("count").isIntegralNumber()).isTrue();

        actionTwo.close();
        ChannelClient third = eventually(() -> channel(token), Duration.ofSeconds(10));

        assertThat(third.connected().path("data").path("session_id").asText()).isNotBlank();
        assertThat(WsClient.refusedHandshakeStatus(ChannelClient.endpoint(port, token), Map.of())).isEqualTo(TOO_MANY_REQUESTS);
    }

    // ---- 3. idle timeout and pings ----

    @Test
    void silentClientThatAnswersPingsIsNotIdle() throws InterruptedException {
        ChannelClient client = channel(token());
        client.connected();

        // Twice the idle timeout without a message: the JDK client answers the server's pings with pongs.
        Thread.sleep(TimeUnit.SECONDS.toMillis(2L * IDLE_SECONDS));

        assertThat(client.isOpen()).isTrue();
        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void clientThatSendsNothingNotEvenPongsIsToldAndClosedWith1001AfterTheIdleTimeout() throws IOException {
        // A raw socket: unlike the JDK client, it never answers a ping.
        try (RawChannelSocket raw = RawChannelSocket.open(port, token())) {
            assertThat(raw.nextText()).contains("\"connected\"");
            long connectedAt = System.nanoTime();
            int before = channelHandler.openConnections();

            awaitTrue(() -> channelHandler.openConnections() < before, Duration.ofSeconds(IDLE_SECONDS + 15L),
                    "the server closing the idle connection");
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - connectedAt);
            RawChannelSocket.Frames rest = raw.readToClose();

            assertThat(closedAfter).isGreaterThanOrEqualTo(Duration.ofSeconds(IDLE_SECONDS).minusMillis(500));
            assertThat(rest.pings()).as("the server pings every half second").isGreaterThanOrEqualTo(2);
            assertThat(rest.closeCode()).isEqualTo(GOING_AWAY);
            JsonNode last = WsClient.JSON.readTree(rest.texts().get(rest.texts().size() - 1));
            assertThat(last.path("type").asText()).isEqualTo("disconnecting");
            assertThat(last.path("data").path("reason").asText()).isEqualTo("idle_timeout");
            assertThat(last.path("data").path("idle_timeout_ms").asLong()).isEqualTo(IDLE_SECONDS * 1000L);
        }
    }

    // ---- 4. slow consumer ----

    @Test
    void subscriberThatStopsReadingIsDisconnectedAndTheServerStaysResponsive() throws Exception {
        String adminToken = new BeaconRest(port).login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
        ChannelClient watcher = channel(token());
        watcher.connected();
        watcher.subscribe("companies");
        int before = channelHandler.openConnections();

        StallingClient slow = stalling(token());
        slow.awaitText(m -> m.contains("\"connected\""), "connected");
        slow.send("{\"type\":\"subscribe\",\"request_id\":\"s1\",\"data\":{\"channels\":[\"companies\"]}}");
        slow.awaitText(m -> m.contains("\"subscribed\""), "subscribed");
        slow.pause();
        // Unsolicited pongs keep it from being idle: only its full buffer may disconnect it.
        slow.keepPonging();

        // The action endpoints close a connection idle (no traffic either way) for the short idle timeout
        // of this context: a write that takes that long costs the writer its connection, so it reconnects.
        WsClient[] admin = {action(adminToken)};
        java.util.function.Function<Map<String, Object>, JsonNode> create = data -> {
            try {
                return admin[0].call("create_company", data);
            } catch (AssertionError closedMeanwhile) {
                admin[0] = action(adminToken);
                return admin[0].call("create_company", data);
            }
        };
        // Events of ~40 KB each: the socket buffers fill, then the 64 KB send buffer passes its bound.
        List<String> keywords = IntStream.range(0, 20).mapToObj(i -> i + "-" + "k".repeat(1_900)).toList();
        int written = 0;
        String lastUuid = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (channelHandler.openConnections() >= before + 1 && System.nanoTime() < deadline) {
            if (written < 600) {
                lastUuid = success(create.apply(obj("write_key", WRITE_KEY,
                        "name", "Slow consumer " + written, "keywords", keywords))).path("uuid").asText();
                written++;
            } else {
                Thread.sleep(100);
            }
        }
        slow.stopPonging();

        assertThat(channelHandler.openConnections()).as("the slow subscriber was disconnected").isEqualTo(before);
        // The server answers, and keeps pushing to subscribers that read.
        assertThat(watcher.ping().path("type").asText()).isEqualTo("pong");
        String expected = lastUuid;
        assertThat(watcher.nextEvent("companies", m -> expected.equals(m.path("data").path("company_uuid").asText()),
                "the last company").path("type").asText()).isEqualTo("company_created");
        if (!admin[0].isOpen()) {
            admin[0] = action(adminToken);
        }
        assertThat(success(admin[0].call("count_companies", obj())).path("count").asLong()).isGreaterThanOrEqualTo(written);
        // Reading again, the slow client finds its connection ended short of the events written.
        slow.resume();
        awaitTrue(() -> slow.closed.isDone(), Duration.ofSeconds(30), "the end of the slow connection");
        assertThat(slow.countEvents()).isLessThan(written);
    }

    // ---- helpers ----

    private String token() {
        String email = "channel-limits-" + UUID.randomUUID().toString().substring(0, 8) + "@beacon.test";
        return new BeaconRest(port).register(email, "channel-limits-password-1", "Limited").path("access_token").asText();
    }

    private ChannelClient channel(String token) {
        ChannelClient client = ChannelClient.open(port, token);
        clients.add(client);
        return client;
    }

    private WsClient action(String token) {
        WsClient client = WsClient.connect(port, token);
        clients.add(client);
        return client;
    }

    private StallingClient stalling(String token) {
        StallingClient client = StallingClient.open(ChannelClient.endpoint(port, token));
        clients.add(client);
        return client;
    }

    private static <T> T eventually(java.util.function.Supplier<T> attempt, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(100);
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A channel client that can stop reading: paused, it asks the JDK socket for nothing more, so it
     * neither takes messages nor answers pings, and the server's writes back up.
     */
    private static final class StallingClient implements WebSocket.Listener, AutoCloseable {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<WsClient.Closed> closed = new CompletableFuture<>();
        private final AtomicBoolean paused = new AtomicBoolean();
        private volatile WebSocket socket;
        private volatile Thread ponger;

        static StallingClient open(URI uri) {
            StallingClient client = new StallingClient();
            client.socket = WsClient.await(HTTP.newWebSocketBuilder().buildAsync(uri, client), "handshake");
            return client;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            if (!paused.get()) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new WsClient.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        void send(String text) {
            WsClient.await(socket.sendText(text, true), "send");
        }

        void pause() {
            paused.set(true);
        }

        void resume() {
            paused.set(false);
            socket.request(Long.MAX_VALUE);
        }

        void keepPonging() {
            ponger = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && !closed.isDone()) {
                    try {
                        socket.sendPong(ByteBuffer.allocate(0)).get(5, TimeUnit.SECONDS);
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        return; // The connection is gone.
                    }
                }
            }, "stalling-client-pong");
            ponger.setDaemon(true);
            ponger.start();
        }

        void stopPonging() throws InterruptedException {
            Thread thread = ponger;
            if (thread != null) {
                thread.interrupt();
                thread.join(5_000);
            }
        }

        void awaitText(java.util.function.Predicate<String> condition, String what) {
            awaitTrue(() -> texts.stream().anyMatch(condition), WsClient.TIMEOUT, what);
        }

        long countEvents() {
            synchronized (texts) {
                return texts.stream().filter(t -> t.contains("\"company_created\"")).count();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopPonging();
            socket.abort();
        }
    }
}

package io.beacon.gateway.it;

import io.beacon.gateway.BeaconApplication;
import io.beacon.gateway.channel.ChannelSocketHandler;
import io.beacon.gateway.feed.EventFeed;
import io.beacon.gateway.ws.OutboundBuffers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow consumers against the server's memory (PRODUCT.md §7): many subscribers stop reading while
 * large events keep coming, and what the server holds for them stays within its configured bounds —
 * each subscription's queue ({@code beacon.feed.queue-weight}), each session's send buffer
 * ({@code beacon.websocket.send-buffer-bytes}), the ring kept for resume ({@code beacon.feed.retained-weight})
 * — until each stalled reader is cut off, after which nothing is held for it. Readers that keep up get
 * every event. The bounds are read from the server's own accounting (the same figures its metrics
 * publish), not from heap measurements: the feeds benchmark measures the heap itself.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.mongodb-uri=",
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=" + SlowConsumerTest.WRITE_KEY,
                "beacon.auth.jwt-secret=slow-consumer-tests-jwt-secret-0123456789abcdef",
                "beacon.auth.admin-email=" + SlowConsumerTest.ADMIN_EMAIL,
                "beacon.auth.admin-password=" + SlowConsumerTest.ADMIN_PASSWORD,
                "beacon.websocket.max-connections-per-ip=0",
                "beacon.websocket.send-buffer-bytes=" + SlowConsumerTest.SEND_BUFFER,
                "beacon.websocket.send-time-limit=PT2S",
                "beacon.feed.queue-weight=" + SlowConsumerTest.QUEUE_WEIGHT,
                "beacon.feed.retained-weight=" + SlowConsumerTest.RETAINED_WEIGHT,
        })
class SlowConsumerTest {

    static final String WRITE_KEY = "wk-slow-consumer-51d2";
    static final String ADMIN_EMAIL = "admin@slow-consumer.beacon.test";
    static final String ADMIN_PASSWORD = "admin-password-slow-consumer";
    static final int SEND_BUFFER = 65_536;
    static final int QUEUE_WEIGHT = 262_144;
    static final int RETAINED_WEIGHT = 1_048_576;
    private static final int STALLED = 12;
    private static final int MAX_WRITES = 400;
    /** Each pushed event carries 20 keywords of 1,900 characters: about 39 KB. */
    private static final List<String> KEYWORDS = IntStream.range(0, 20)
            .mapToObj(i -> i + "-" + "k".repeat(1_900)).toList();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dir = TempDirs.create("beacon-slow-consumer").toString();
        registry.add("beacon.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelSocketHandler channelHandler;

    @Autowired
    EventFeed feed;

    @Autowired
    OutboundBuffers outbound;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void stalledSubscribersCostAtMostTheirBoundsUntilCutOffAndReadersGetEverything() throws Exception {
        BeaconRest rest = new BeaconRest(port);
        String adminToken = rest.login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
        ChannelClient reader = ChannelClient.open(port, token(rest));
        clients.add(reader);
        reader.connected();
        reader.subscribe("companies");
        int before = channelHandler.openConnections();

        String prefix = "Slow " + UUID.randomUUID().toString().substring(0, 8) + " ";
        List<RawChannelSocket> stalled = new ArrayList<>();
        for (int i = 0; i < STALLED; i++) {
            RawChannelSocket socket = RawChannelSocket.open(port, token(rest), 4_096);
            clients.add(socket);
            assertThat(socket.nextText()).contains("\"connected\"");
            socket.sendText("{\"type\":\"subscribe\",\"request_id\":\"s" + i + "\",\"data\":{\"channels\":[\"companies\"]}}");
            assertThat(socket.nextText()).contains("\"subscribed\"");
            stalled.add(socket); // and from here on it reads nothing
        }
        assertThat(channelHandler.openConnections()).isEqualTo(before + STALLED);

        WsClient admin = WsClient.connect(port, adminToken);
        clients.add(admin);
        int written = 0;
        long mostQueued = 0;
        long mostBuffered = 0;
        long mostRetained = 0;
        while (channelHandler.openConnections() > before && written < MAX_WRITES) {
            success(admin.call("create_company", obj("write_key", WRITE_KEY, "name", prefix + written,
                    "keywords", KEYWORDS)));
            written++;
            mostQueued = Math.max(mostQueued, feed.queuedWeight());
            mostBuffered = Math.max(mostBuffered, outbound.bufferedBytes());
            mostRetained = Math.max(mostRetained, feed.retainedWeight());
        }
        await("every stalled reader cut off").atMost(Duration.ofSeconds(30))
                .until(() -> channelHandler.openConnections() == before);

        // Everyone who read got every event.
        int expected = written;
        await("the reader's " + expected + " events").atMost(Duration.ofSeconds(60))
                .until(() -> countCreated(reader, prefix, true) == expected);
        assertThat(countCreated(reader, prefix, false)).as("none twice").isEqualTo(expected);

        // What the server held for the stalled readers, by its own accounting.
        long largestMessage = 45_000; // one event's message, generously (about 39 KB of keywords)
        assertThat(feed.peakQueuedWeight()).as("the most one subscription queued")
                .isLessThanOrEqualTo(QUEUE_WEIGHT + largestMessage);
        assertThat(outbound.peakSessionBytes()).as("the most one session had waiting to be sent")
                .isLessThanOrEqualTo(SEND_BUFFER + largestMessage);
        assertThat(mostQueued).as("all queues together, sampled while writing")
                .isLessThanOrEqualTo((STALLED + 1) * (QUEUE_WEIGHT + largestMessage));
        assertThat(mostBuffered).as("all send buffers together, sampled while writing")
                .isLessThanOrEqualTo((STALLED + 1) * (SEND_BUFFER + largestMessage));
        assertThat(mostRetained).as("the ring kept for resume").isLessThanOrEqualTo(RETAINED_WEIGHT);
        assertThat((long) written * 39_000).as("far more was written than the bounds let one reader hold")
                .isGreaterThan(4L * (QUEUE_WEIGHT + SEND_BUFFER));
        // Once cut off, nothing is held for them any more.
        await("the queues emptied").atMost(Duration.ofSeconds(30)).until(() -> feed.queuedWeight() == 0);

        // Reading again, each stalled client finds its connection ended short of what was written.
        for (RawChannelSocket socket : stalled) {
            int received = socket.countTextsToEnd(text -> text.contains(prefix));
            assertThat(received).isLessThan(written);
        }
        assertThat(reader.ping().path("type").asText()).isEqualTo("pong");
    }

    private static String token(BeaconRest rest) {
        String email = "slow-" + UUID.randomUUID().toString().substring(0, 8) + "@beacon.test";
        return rest.register(email, "slow-consumer-password-1", "Slow").path("access_token").asText();
    }

    private static long countCreated(ChannelClient client, String prefix, boolean distinct) {
        var names = client.events().stream()
                .filter(m -> "company_created".equals(m.path("type").asText()))
                .map(m -> m.path("data").path("changes").path("name").path("new").asText())
                .filter(name -> name.startsWith(prefix));
        return (distinct ? names.distinct() : names).count();
    }
}

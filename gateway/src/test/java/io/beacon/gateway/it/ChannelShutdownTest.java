package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful shutdown: an application of its own (fresh data directory, port 0) is closed while channel
 * clients are connected; each gets {@code disconnecting} {@code {reason: "server_shutdown",
 * reconnect_delay_ms}} as its last message, then close 1001 (going away).
 */
class ChannelShutdownTest {

    private static final int GOING_AWAY = 1001;
    private static final long RECONNECT_DELAY_MS = 7_000;

    @Test
    void everyChannelClientIsToldDisconnectingThenClosedWith1001() {
        ChannelClient subscribed;
        ChannelClient notYetAuthenticated;
        try (ConfigurableApplicationContext app = start()) {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String email = "shutdown-" + UUID.randomUUID().toString().substring(0, 8) + "@beacon.test";
            String token = new BeaconRest(port).register(email, "shutdown-password-1", "Leaving").path("access_token").asText();
            subscribed = ChannelClient.open(port, token);
            subscribed.connected();
            assertThat(subscribed.subscribe("companies").path("type").asText()).isEqualTo("subscribed");
            notYetAuthenticated = ChannelClient.open(port, null);
            assertThat(subscribed.ping().path("type").asText()).isEqualTo("pong");
        }

        try (subscribed; notYetAuthenticated) {
            for (ChannelClient client : List.of(subscribed, notYetAuthenticated)) {
                WsClient.Closed closed = client.awaitClose();
                List<JsonNode> received = client.ws().received();

                assertThat(closed.code()).isEqualTo(GOING_AWAY);
                assertThat(received).isNotEmpty();
                JsonNode last = received.get(received.size() - 1);
                assertThat(last.path("type").asText()).as("last message of %s", received).isEqualTo("disconnecting");
                assertThat(last.path("data").path("reason").asText()).isEqualTo("server_shutdown");
                assertThat(last.path("data").path("reconnect_delay_ms").asLong()).isEqualTo(RECONNECT_DELAY_MS);
                assertThat(Instant.parse(last.path("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
                assertThat(received.stream().filter(m -> "disconnecting".equals(m.path("type").asText()))).hasSize(1);
            }
        }
    }

    private static ConfigurableApplicationContext start() {
        // Command-line arguments, because they outrank application.yml (default properties do not).
        return new SpringApplicationBuilder(BeaconApplication.class).run(
                "--server.port=0",
                "--beacon.mongodb-uri=",
                "--beacon.data-dir=" + TempDirs.create("beacon-channel-shutdown"),
                "--beacon.embedded-mongo-port=0",
                "--beacon.write-key=wk-channel-shutdown-61d2",
                "--beacon.auth.jwt-secret=channel-shutdown-tests-jwt-secret-0123456789abcdef",
                "--beacon.channel.shutdown-reconnect-delay=PT" + RECONNECT_DELAY_MS / 1000 + "S");
    }
}

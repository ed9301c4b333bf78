package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.beacon.gateway.it.ChannelScenarios.assertChannelError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens that expire while a channel connection is open: with a 6-second token lifetime, the
 * connection is sent {@code TOKEN_EXPIRED} and closed with 1008, unless it sent a fresh token first.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.mongodb-uri=",
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=wk-channel-expiry-3c9a",
                "beacon.auth.jwt-secret=channel-expiry-tests-jwt-secret-0123456789abcdef",
                "beacon.auth.access-token-ttl=PT" + ChannelTokenExpiryTest.TTL_SECONDS + "S",
        })
class ChannelTokenExpiryTest {

    static final int TTL_SECONDS = 6;
    private static final int POLICY_VIOLATION = 1008;
    private static final String PASSWORD = "channel-expiry-password-1";

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dir = TempDirs.create("beacon-channel-expiry").toString();
        registry.add("beacon.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;

    private final List<ChannelClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(ChannelClient::close);
    }

    @Test
    void expiredConnectionIsToldAndClosedWithPolicyViolation() {
        String token = register().path("access_token").asText();
        ChannelClient client = open(token);
        client.subscribe("companies");

        JsonNode expired = client.nextError("TOKEN_EXPIRED");
        WsClient.Closed closed = client.awaitClose();

        assertChannelError(expired, "TOKEN_EXPIRED");
        assertThat(closed.code()).isEqualTo(POLICY_VIOLATION);
        assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(BeaconRest.expiresAtEpochSecond(token)));
    }

    @Test
    void renewedConnectionOutlivesItsFirstToken() {
        JsonNode registered = register();
        String first = registered.path("access_token").asText();
        Instant firstExpiry = Instant.ofEpochSecond(BeaconRest.expiresAtEpochSecond(first));
        ChannelClient client = open(first);
        client.connected();
        // Half a lifetime on, a new token outlives the first by as much: seconds of slack either side.
        sleepUntil(Instant.ofEpochSecond(BeaconRest.issuedAtEpochSecond(first) + TTL_SECONDS / 2));
        String fresh = new BeaconRest(port).login(registered.path("user").path("email").asText(), PASSWORD)
                .path("access_token").asText();

        JsonNode renewed = client.auth(fresh);
        sleepUntil(firstExpiry.plusMillis(500));
        JsonNode pong = client.ping();

        assertThat(renewed.path("type").asText()).isEqualTo("authenticated");
        assertThat(Instant.parse(renewed.path("data").path("expires_at").asText())).isAfter(firstExpiry);
        assertThat(pong.path("type").asText()).isEqualTo("pong");
        assertThat(client.ws().received()).noneMatch(m -> "TOKEN_EXPIRED".equals(m.path("data").path("error_code").asText()));
        assertThat(client.awaitClose().code()).isEqualTo(POLICY_VIOLATION);
    }

    private JsonNode register() {
        String email = "channel-expiry-" + UUID.randomUUID().toString().substring(0, 8) + "@beacon.test";
        return new BeaconRest(port).register(email, PASSWORD, "Expiring");
    }

    private ChannelClient open(String token) {
        ChannelClient client = ChannelClient.open(port, token);
        clients.add(client);
        return client;
    }

    private static void sleepUntil(Instant moment) {
        try {
            Duration left = Duration.between(Instant.now(), moment);
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis() + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

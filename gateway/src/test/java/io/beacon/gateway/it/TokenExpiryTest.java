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
import java.util.Map;
import java.util.UUID;

import static io.beacon.gateway.it.BeaconScenarioSupport.assertError;
import static io.beacon.gateway.it.ChannelScenarios.assertChannelError;
import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens that expire while their connection is open, on the action and the channel endpoints:
 * with a 6-second token lifetime, a connection is told ({@code token_expired} / {@code TOKEN_EXPIRED})
 * and closed with 1008, unless it renewed its token first.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.mongodb-uri=",
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=wk-expiry-8e1f3b2c",
                "beacon.auth.jwt-secret=token-expiry-tests-jwt-secret-0123456789abcdef",
                "beacon.auth.access-token-ttl=PT" + TokenExpiryTest.TTL_SECONDS + "S",
        })
class TokenExpiryTest {

    static final int TTL_SECONDS = 6;
    private static final int POLICY_VIOLATION = 1008;
    private static final String PASSWORD = "expiry-password-1";

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dir = TempDirs.create("beacon-expiry").toString();
        registry.add("beacon.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void expiredConnectionIsToldAndClosedWithPolicyViolation() {
        String token = register().path("access_token").asText();
        WsClient client = connect(token);
        success(client.call("count_companies", obj()));

        JsonNode expired = client.awaitMessage(m -> "token_expired".equals(m.path("error").path("code").asText()), "token_expired");
        WsClient.Closed closed = client.awaitClose();

        assertError(expired, "token_expired");
        assertThat(client.unsolicited()).containsExactly(expired);
        assertThat(closed.code()).isEqualTo(POLICY_VIOLATION);
        assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(BeaconRest.expiresAtEpochSecond(token)));
        assertThat(WsClient.refusedHandshakeStatus(WsClient.companiesEndpoint(port, token), Map.of())).isEqualTo(401);
    }

    @Test
    void renewedConnectionOutlivesItsFirstToken() {
        JsonNode registered = register();
        String first = registered.path("access_token").asText();
        Instant firstExpiry = Instant.ofEpochSecond(BeaconRest.expiresAtEpochSecond(first));
        WsClient client = connect(first);
        // Token times are whole seconds: half a lifetime on, a new token outlives the first by as much,
        // which leaves seconds of slack on both sides of the first expiry on a busy machine.
        sleepUntil(Instant.ofEpochSecond(BeaconRest.issuedAtEpochSecond(first) + TTL_SECONDS / 2));
        String fresh = new BeaconRest(port).login(registered.path("user").path("email").asText(), PASSWORD)
                .path("access_token").asText();

        JsonNode renewed = success(client.call("auth", obj("token", fresh)));
        Instant freshExpiry = Instant.parse(renewed.path("expires_at").asText());
        sleepUntil(firstExpiry.plusMillis(500));
        JsonNode afterFirstExpiry = client.call("count_companies", obj());

        assertThat(freshExpiry).isEqualTo(Instant.ofEpochSecond(BeaconRest.expiresAtEpochSecond(fresh))).isAfter(firstExpiry);
        success(afterFirstExpiry);
        assertThat(client.isOpen()).isTrue();
        assertThat(client.received()).noneMatch(m -> "token_expired".equals(m.path("error").path("code").asText()));
        // The renewed token expires in its turn, and then the connection ends like any other.
        assertThat(client.awaitClose().code()).isEqualTo(POLICY_VIOLATION);
        assertThat(Instant.now()).isAfterOrEqualTo(freshExpiry);
    }

    @Test
    void expiredChannelConnectionIsToldAndClosedWithPolicyViolation() {
        String token = register().path("access_token").asText();
        ChannelClient client = openChannel(token);
        client.subscribe("companies");

        JsonNode expired = client.nextError("TOKEN_EXPIRED");
        WsClient.Closed closed = client.awaitClose();

        assertChannelError(expired, "TOKEN_EXPIRED");
        assertThat(closed.code()).isEqualTo(POLICY_VIOLATION);
        assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(BeaconRest.expiresAtEpochSecond(token)));
    }

    @Test
    void renewedChannelConnectionOutlivesItsFirstToken() {
        JsonNode registered = register();
        String first = registered.path("access_token").asText();
        Instant firstExpiry = Instant.ofEpochSecond(BeaconRest.expiresAtEpochSecond(first));
        ChannelClient client = openChannel(first);
        client.connected();
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

    private ChannelClient openChannel(String token) {
        ChannelClient client = ChannelClient.open(port, token);
        clients.add(client);
        return client;
    }

    private JsonNode register() {
        String email = "expiry-" + UUID.randomUUID().toString().substring(0, 8) + "@beacon.test";
        return new BeaconRest(port).register(email, PASSWORD, "Expiring");
    }

    private WsClient connect(String token) {
        WsClient client = WsClient.connect(port, token);
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

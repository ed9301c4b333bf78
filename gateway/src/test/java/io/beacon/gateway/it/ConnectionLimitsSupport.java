package io.beacon.gateway.it;

import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The application with small, explicit per-connection limits (3 messages a minute, 64 KB messages).
 * The limit tests extend this class and nothing else, so they share one application context.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.mongodb-uri=",
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=wk-limits-4a7d9e0b",
                "beacon.auth.jwt-secret=connection-limit-tests-jwt-secret-0123456789abcdef",
                "beacon.websocket.max-message-bytes=" + ConnectionLimitsSupport.MAX_MESSAGE_BYTES,
                "beacon.websocket.action-messages-per-minute=" + ConnectionLimitsSupport.MESSAGES_PER_MINUTE,
        })
abstract class ConnectionLimitsSupport {

    static final int MAX_MESSAGE_BYTES = 65_536;
    static final int MESSAGES_PER_MINUTE = 3;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dir = TempDirs.create("beacon-limits").toString();
        registry.add("beacon.data-dir", () -> dir);
    }

    @LocalServerPort
    protected int port;

    private final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    /** A connection of a freshly registered user. */
    protected WsClient connect() {
        String email = "limits-" + UUID.randomUUID().toString().substring(0, 8) + "@beacon.test";
        String token = new BeaconRest(port).register(email, "limits-password-1", "Limited").path("access_token").asText();
        WsClient client = WsClient.connect(port, token);
        clients.add(client);
        return client;
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running application on a random port, and what scenarios need to drive it like a client:
 * tokens from the REST endpoints, WebSocket connections, and assertions on answers. The store is
 * chosen by the concrete subclass. Every subclass shares this configuration, so the scenarios of one
 * store run in one cached application context.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=" + BeaconScenarioSupport.WRITE_KEY,
                "beacon.auth.jwt-secret=integration-scenarios-jwt-secret-0123456789abcdef",
                "beacon.auth.admin-email=" + BeaconScenarioSupport.ADMIN_EMAIL,
                "beacon.auth.admin-password=" + BeaconScenarioSupport.ADMIN_PASSWORD,
                "beacon.channel.auth-timeout=PT" + BeaconScenarioSupport.CHANNEL_AUTH_TIMEOUT_SECONDS + "S",
                // Small upload limits, so the upload scenarios can pass them with small files.
                "beacon.uploads.max-bytes=" + BeaconScenarioSupport.UPLOAD_MAX_BYTES,
                "beacon.uploads.max-rows=" + BeaconScenarioSupport.UPLOAD_MAX_ROWS,
        })
abstract class BeaconScenarioSupport {

    static final String WRITE_KEY = "wk-scenarios-5b0d7e31c4a94f0e";
    static final String ADMIN_EMAIL = "admin@scenarios.beacon.test";
    static final String ADMIN_PASSWORD = "admin-password-for-scenarios";
    /** Short, so the channel endpoint's auth timeout can be seen in a test. */
    static final int CHANNEL_AUTH_TIMEOUT_SECONDS = 2;
    static final int UPLOAD_MAX_BYTES = 4 * 1024 * 1024;
    static final int UPLOAD_MAX_ROWS = 20_000;

    /**
     * Admin token responses by server port: one login per application context, not per test, renewed once it is
     * older than {@link #ADMIN_LOGIN_RENEWAL}, well inside the access tokens' 15 minutes: a context outlives that
     * in a long run, and an expired token is refused at the handshake.
     */
    private static final Map<Integer, AdminLogin> ADMIN_LOGINS = new ConcurrentHashMap<>();
    private static final java.time.Duration ADMIN_LOGIN_RENEWAL = java.time.Duration.ofMinutes(5);

    private record AdminLogin(JsonNode response, long loggedInAt) {
    }

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dir = TempDirs.create("beacon-scenarios").toString();
        registry.add("beacon.data-dir", () -> dir);
    }

    @LocalServerPort
    protected int port;

    /** The application's own client of the store, to look at what it wrote. */
    @Autowired
    protected MongoClient storeClient;

    private final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    protected BeaconRest rest() {
        return new BeaconRest(port);
    }

    /** The admin's token response (access token, user uuid and email). */
    protected JsonNode adminLogin() {
        return ADMIN_LOGINS.compute(port, (p, login) -> login != null
                        && System.nanoTime() - login.loggedInAt() < ADMIN_LOGIN_RENEWAL.toNanos()
                        ? login : new AdminLogin(rest().login(ADMIN_EMAIL, ADMIN_PASSWORD), System.nanoTime()))
                .response();
    }

    /** A connection of the admin. */
    protected WsClient admin() {
        return connect(adminLogin().path("access_token").asText());
    }

    /** A connection of a freshly registered user with role {@code user}. */
    protected WsClient user() {
        return connect(registerUser().path("access_token").asText());
    }

    /** A connection to the Apollo endpoint ({@code /api/v2/apollo/ws}) with {@code token}. */
    protected WsClient connectApollo(String token) {
        WsClient client = WsClient.open(URI.create("ws://localhost:" + port + "/api/v2/apollo/ws?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)), Map.of());
        clients.add(client);
        return client;
    }

    /** A freshly registered user (role {@code user}): the token response. */
    protected JsonNode registerUser() {
        JsonNode registered = rest().register(unique("reader") + "@scenarios.beacon.test", "reader-password-1", "Reader");
        assertThat(registered.path("user").path("role").asText()).isEqualTo("user");
        return registered;
    }

    /** A connection to the channel endpoint ({@code /api/v1/ws}) with {@code ?token=}, or without a token if null. */
    protected ChannelClient channel(String token) {
        ChannelClient client = ChannelClient.open(port, token);
        clients.add(client.ws());
        return client;
    }

    protected WsClient connect(String token) {
        WsClient client = WsClient.connect(port, token);
        clients.add(client);
        return client;
    }

    /** A short text no other test uses; names and filter values embed it so tests never see each other's data. */
    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** {@code data} of a write: the fields plus the write key. */
    protected static Map<String, Object> keyed(Object... keysAndValues) {
        return with(obj("write_key", WRITE_KEY), keysAndValues);
    }

    /** Creates a company (admin, write key) and returns its detail. */
    protected static JsonNode create(WsClient admin, Object... keysAndValues) {
        return success(admin.call("create_company", keyed(keysAndValues)));
    }

    /** Asserts a success answer and returns its {@code data}. */
    protected static JsonNode success(JsonNode answer) {
        assertThat(answer.path("status").asText()).as("status of %s", answer).isEqualTo("success");
        assertThat(answer.has("error")).as("error member of %s", answer).isFalse();
        return answer.path("data");
    }

    /** Asserts an error answer in the documented envelope with this code. */
    protected static void assertError(JsonNode answer, String code) {
        assertThat(answer.path("status").asText()).as("status of %s", answer).isEqualTo("error");
        assertThat(answer.path("error").path("code").asText()).as("error code of %s", answer).isEqualTo(code);
        assertThat(answer.path("error").path("message").asText()).as("error message of %s", answer).isNotBlank();
        assertThat(answer.has("data") && answer.get("data").isNull()).as("null data of %s", answer).isTrue();
    }

    /** {@code list_companies} with these filters (and a page large enough for any test): the names, in order. */
    protected static List<String> listNames(WsClient client, Map<String, Object> filters) {
        JsonNode data = success(client.call("list_companies", with(filters, "limit", 1000)));
        return names(data.path("results"));
    }

    protected static List<String> names(JsonNode companies) {
        return StreamSupport.stream(companies.spliterator(), false).map(c -> c.path("name").asText()).toList();
    }

    /** A JSON object's field names, in the order they were sent. */
    protected static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    protected static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

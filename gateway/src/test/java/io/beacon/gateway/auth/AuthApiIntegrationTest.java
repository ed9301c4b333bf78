package io.beacon.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The auth endpoints over real HTTP against the whole application on the embedded store. */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.mongodb-uri=",
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=integration-test-write-key",
                "beacon.auth.login-failures-allowed=3",
                "beacon.auth.login-failure-window=PT1M",
                "beacon.auth.admin-email=Root@Beacon.test",
                "beacon.auth.admin-password=admin-password-1",
        })
class AuthApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("beacon-auth-it");
        registry.add("beacon.data-dir", dir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    UserStore users;

    @Test
    void registerAnswersTokensAndMeShowsTheUser() throws Exception {
        String email = unique("New.User");

        Reply registered = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"password-1\",\"name\":\"New User\"}");

        assertThat(registered.status()).isEqualTo(201);
        JsonNode body = registered.body();
        assertThat(body.path("token_type").asText()).isEqualTo("bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("access_token").asText()).isNotBlank();
        assertThat(body.path("refresh_token").asText()).isNotBlank();
        assertThat(body.path("user").path("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(body.path("user").path("role").asText()).isEqualTo("user");
        assertThat(body.path("user").path("name").asText()).isEqualTo("New User");

        Reply me = get("/api/v1/auth/me", body.path("access_token").asText());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).isEqualTo(body.path("user"));
        assertThat(me.body().path("uuid").asText()).isNotBlank();
        org.bson.Document stored = mongo.findById(me.body().path("uuid").asText(), org.bson.Document.class, "users");
        assertThat(stored).isNotNull();
        assertThat(stored.getString("password_hash")).startsWith("$2");
        assertThat(stored.get("created_at")).isInstanceOf(java.util.Date.class);
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() throws Exception {
        String email = unique("dup");
        register(email, "password-1");

        Reply again = post("/api/v1/auth/register",
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"password-2\",\"name\":\"Again\"}");

        assertError(again, 409, "conflict");
    }

    @Test
    void uniqueEmailIndexRefusesASecondUserEvenWithoutTheEarlierCheck() {
        String email = unique("index");
        users.insert(new UserAccount(UUID.randomUUID().toString(), email, "First", "user", "$2a$10$x", null));

        assertThatThrownBy(() -> users.insert(
                new UserAccount(UUID.randomUUID().toString(), email.toUpperCase(), "Second", "user", "$2a$10$x", null)))
                .isInstanceOfSatisfying(io.beacon.common.BeaconException.class,
                        e -> assertThat(e.code()).isEqualTo(io.beacon.common.ErrorCode.CONFLICT));
        assertThat(mongo.count(Query.query(Criteria.where("email").is(email.toLowerCase())), "users")).isEqualTo(1);
    }

    @Test
    void invalidRegistrationsAreValidationErrors() throws Exception {
        String email = unique("invalid");
        assertError(post("/api/v1/auth/register", "{\"email\":\"not-an-email\",\"password\":\"password-1\",\"name\":\"X\"}"),
                400, "validation_error");
        assertError(post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"short\",\"name\":\"X\"}"),
                400, "validation_error");
        assertError(post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"password-1\",\"name\":\"  \"}"),
                400, "validation_error");
        assertError(post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"password-1\"}"),
                400, "validation_error");
        assertError(post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":12345678,\"name\":\"X\"}"),
                400, "validation_error");
        assertError(post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + "x".repeat(73)
                + "\",\"name\":\"X\"}"), 400, "validation_error");
        assertError(post("/api/v1/auth/register", "{\"email\": \"" + email), 400, "validation_error");
        assertError(post("/api/v1/auth/register", ""), 400, "validation_error");

        Reply unknown = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"password-1\",\"name\":\"X\",\"role\":\"admin\"}");

        assertError(unknown, 400, "validation_error");
        assertThat(unknown.body().path("error").path("message").asText()).contains("role");
        assertThat(mongo.exists(Query.query(Criteria.where("email").is(email.toLowerCase())), "users")).isFalse();
    }

    @Test
    void loginAnswersTokensAndBadCredentialsAreIndistinguishable() throws Exception {
        String email = unique("login");
        register(email, "password-1");

        Reply ok = post("/api/v1/auth/login", credentials(email.toUpperCase(), "password-1"));
        Reply wrongPassword = post("/api/v1/auth/login", credentials(email, "password-2"));
        Reply unknownEmail = post("/api/v1/auth/login", credentials(unique("nobody"), "password-1"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().path("user").path("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(get("/api/v1/auth/me", ok.body().path("access_token").asText()).status()).isEqualTo(200);
        assertError(wrongPassword, 401, "unauthorized");
        assertError(unknownEmail, 401, "unauthorized");
        assertThat(wrongPassword.body().path("error").path("message"))
                .isEqualTo(unknownEmail.body().path("error").path("message"));
    }

    @Test
    void repeatedFailuresAreThrottledEvenForTheRightPassword() throws Exception {
        String email = unique("throttled");
        register(email, "password-1");
        for (int i = 0; i < 3; i++) {
            assertError(post("/api/v1/auth/login", credentials(email, "wrong-password")), 401, "unauthorized");
        }

        Reply throttled = post("/api/v1/auth/login", credentials(email, "password-1"));

        assertError(throttled, 429, "rate_limited");
        assertThat(throttled.retryAfter()).isNotBlank();
        assertThat(post("/api/v1/auth/login", credentials(unique("other"), "wrong-password")).status()).isEqualTo(401);
    }

    @Test
    void refreshGivesANewWorkingPairAndRefusesAccessTokens() throws Exception {
        JsonNode tokens = register(unique("refresh"), "password-1");

        Reply refreshed = post("/api/v1/auth/refresh",
                "{\"refresh_token\":\"" + tokens.path("refresh_token").asText() + "\"}");

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().path("access_token").asText()).isNotEqualTo(tokens.path("access_token").asText());
        assertThat(refreshed.body().path("refresh_token").asText()).isNotEqualTo(tokens.path("refresh_token").asText());
        assertThat(refreshed.body().path("user")).isEqualTo(tokens.path("user"));
        assertThat(get("/api/v1/auth/me", refreshed.body().path("access_token").asText()).status()).isEqualTo(200);

        assertError(post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + tokens.path("access_token").asText() + "\"}"),
                401, "unauthorized");
        assertError(get("/api/v1/auth/me", tokens.path("refresh_token").asText()), 401, "unauthorized");
        assertError(post("/api/v1/auth/refresh", "{\"refresh_token\":\"garbage\"}"), 401, "unauthorized");
    }

    @Test
    void protectedEndpointsNeedAValidAccessToken() throws Exception {
        assertError(get("/api/v1/auth/me", null), 401, "unauthorized");
        assertError(get("/api/v1/auth/me", "not-a-token"), 401, "unauthorized");
        assertError(get("/api/v1/anything-else", null), 401, "unauthorized");
        assertThat(get("/actuator/health", null).status()).isNotEqualTo(401);
    }

    @Test
    void tokensOfADeletedUserAreRejected() throws Exception {
        JsonNode tokens = register(unique("deleted"), "password-1");
        String uuid = tokens.path("user").path("uuid").asText();

        mongo.remove(Query.query(Criteria.where("_id").is(uuid)), "users");

        assertError(get("/api/v1/auth/me", tokens.path("access_token").asText()), 401, "unauthorized");
        assertError(post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + tokens.path("refresh_token").asText() + "\"}"),
                401, "unauthorized");
    }

    @Test
    void configuredAdminIsCreatedAtStartUp() throws Exception {
        Reply admin = post("/api/v1/auth/login", credentials("root@beacon.test", "admin-password-1"));

        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body().path("user").path("role").asText()).isEqualTo("admin");
        assertThat(mongo.count(Query.query(Criteria.where("email").is("root@beacon.test")), "users")).isEqualTo(1);
    }

    @Test
    void webSocketHandshakeWithoutValidTokenIsRefusedWith401() {
        assertThat(handshakeStatus("/api/v1/companies/ws")).isEqualTo(401);
        assertThat(handshakeStatus("/api/v1/companies/ws?token=garbage")).isEqualTo(401);
    }

    @Test
    void webSocketHandshakeWithAccessTokenIsUpgraded() throws Exception {
        String access = register(unique("socket"), "password-1").path("access_token").asText();

        WebSocket socket = HTTP.newWebSocketBuilder()
                .buildAsync(ws("/api/v1/companies/ws?token=" + access), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);

        assertThat(socket.isInputClosed()).isFalse();
        socket.abort();
    }

    private int handshakeStatus(String path) {
        Throwable failure = catchFailure(() -> HTTP.newWebSocketBuilder()
                .buildAsync(ws(path), new WebSocket.Listener() { })
                .join());
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private JsonNode register(String email, String password) throws Exception {
        Reply reply = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Test\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.body();
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.body().path("error").path("code").asText()).isEqualTo(code);
        assertThat(reply.body().path("error").path("message").asText()).isNotBlank();
    }

    private Reply post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(http(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), body, response.headers().firstValue("Retry-After").orElse(""));
    }

    private URI http(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private URI ws(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    private record Reply(int status, JsonNode body, String retryAfter) {
    }
}

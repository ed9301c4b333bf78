package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel endpoint {@code /api/v1/ws} over real WebSocket round trips: authentication (handshake
 * token or first message), ping, subscribe/unsubscribe and their refusals, the error envelope, the
 * size limit, and pushed company events with resume by offset.
 */
abstract class ChannelScenarios extends BeaconScenarioSupport {

    private static final int POLICY_VIOLATION = 1008;
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final int MAX_MESSAGE_BYTES = 65_536;
    /** How long a push that must not come is given to come anyway. */
    private static final Duration SETTLE = Duration.ofMillis(700);

    // ---------------------------------------------------------------- authentication

    @Test
    void connectionWithHandshakeTokenIsGreetedWithSessionAndUser() {
        JsonNode user = registerUser();

        JsonNode connected = channel(token(user)).connected();

        assertThat(connected.path("data").path("user_id").asText()).isEqualTo(user.path("user").path("uuid").asText());
        assertThat(connected.path("data").path("session_id").asText()).isNotBlank();
        assertTimestamp(connected);
        assertThat(connected.has("request_id")).isFalse();
    }

    @Test
    void eachConnectionHasItsOwnSessionId() {
        String token = token(registerUser());

        String first = channel(token).connected().path("data").path("session_id").asText();
        String second = channel(token).connected().path("data").path("session_id").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void handshakeWithBadTokenIsRefusedWith401() {
        assertThat(WsClient.refusedHandshakeStatus(ChannelClient.endpoint(port, "not-a-jwt"), Map.of())).isEqualTo(401);
    }

    @Test
    void firstMessageAuthConnects() {
        JsonNode user = registerUser();
        ChannelClient client = channel(null);

        JsonNode connected = client.auth(token(user));

        assertThat(connected.path("type").asText()).isEqualTo("connected");
        assertThat(connected.path("data").path("user_id").asText()).isEqualTo(user.path("user").path("uuid").asText());
        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void firstMessageAuthAcceptsTheTokenInData() {
        JsonNode user = registerUser();
        ChannelClient client = channel(null);

        JsonNode connected = client.request("auth", obj("token", token(user)));

        assertThat(connected.path("type").asText()).isEqualTo("connected");
        assertThat(connected.path("data").path("user_id").asText()).isEqualTo(user.path("user").path("uuid").asText());
    }

    @Test
    void firstMessageAuthWithBadTokenFailsAndCloses1008() {
        ChannelClient client = channel(null);

        JsonNode refused = client.auth("not-a-jwt");

        assertChannelError(refused, "AUTH_FAILED");
        assertThat(client.awaitClose().code()).isEqualTo(POLICY_VIOLATION);
    }

    @Test
    void firstMessageOtherThanAuthFailsAndCloses1008() {
        ChannelClient client = channel(null);

        client.sendRaw("{\"type\":\"ping\",\"request_id\":\"early\"}");

        assertChannelError(client.nextError("AUTH_FAILED"), "AUTH_FAILED");
        assertThat(client.awaitClose().code()).isEqualTo(POLICY_VIOLATION);
    }

    @Test
    void connectionWithoutAuthIsClosed1008AfterTheTimeout() {
        Instant opened = Instant.now();
        ChannelClient client = channel(null);

        WsClient.Closed closed = client.awaitClose();

        assertThat(closed.code()).isEqualTo(POLICY_VIOLATION);
        assertThat(Duration.between(opened, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(CHANNEL_AUTH_TIMEOUT_SECONDS).minusMillis(200));
    }

    @Test
    void authOnAnAuthenticatedConnectionRenewsTheToken() {
        JsonNode user = registerUser();
        ChannelClient client = channel(token(user));
        client.connected();
        String fresh = rest().refresh(user.path("refresh_token").asText()).path("access_token").asText();

        JsonNode renewed = client.auth(fresh);

        assertThat(renewed.path("type").asText()).isEqualTo("authenticated");
        assertThat(renewed.path("data").path("user_id").asText()).isEqualTo(user.path("user").path("uuid").asText());
        assertThat(Instant.parse(renewed.path("data").path("expires_at").asText())).isAfter(Instant.now());
    }

    @Test
    void renewalWithAnotherUsersTokenFailsButKeepsTheConnection() {
        ChannelClient client = channel(token(registerUser()));
        client.connected();

        assertChannelError(client.auth(token(registerUser())), "AUTH_FAILED");
        assertChannelError(client.auth("not-a-jwt"), "AUTH_FAILED");

        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    // ---------------------------------------------------------------- ping, subscribe, unsubscribe

    @Test
    void pingIsAnsweredWithPongAndTheSameRequestId() {
        ChannelClient client = channel(token(registerUser()));

        client.sendRaw("{\"type\":\"ping\",\"request_id\":\"ping_1\"}");
        JsonNode pong = client.ws().awaitMessage(m -> "ping_1".equals(m.path("request_id").asText()), "pong");

        assertThat(pong.path("type").asText()).isEqualTo("pong");
        assertTimestamp(pong);
    }

    @Test
    void subscribeAndUnsubscribeAreAnswered() {
        ChannelClient client = channel(token(registerUser()));
        String company = "company:" + java.util.UUID.randomUUID();

        JsonNode subscribed = client.subscribe("companies", "system_status", "notifications", "uploads", company);
        JsonNode unsubscribed = client.unsubscribe("companies", company);

        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(texts(subscribed.path("data").path("channels")))
                .containsExactly("companies", "system_status", "notifications", "uploads", company);
        assertThat(unsubscribed.path("type").asText()).isEqualTo("unsubscribed");
        assertThat(texts(unsubscribed.path("data").path("channels"))).containsExactly("companies", company);
    }

    @Test
    void unknownChannelFailsTheWholeSubscription() {
        ChannelClient client = channel(token(registerUser()));

        JsonNode refused = client.subscribe("companies", "search_results");

        assertChannelError(refused, "SUBSCRIPTION_FAILED");
        assertThat(refused.path("data").path("details").path("channel").asText()).isEqualTo("search_results");
        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void companyChannelNeedsAUuid() {
        ChannelClient client = channel(token(registerUser()));

        JsonNode refused = client.subscribe("company:not-a-uuid");

        assertChannelError(refused, "SUBSCRIPTION_FAILED");
        assertThat(refused.path("data").path("details").path("channel").asText()).isEqualTo("company:not-a-uuid");
    }

    @Test
    void auditIsForbiddenToUsers() {
        ChannelClient client = channel(token(registerUser()));

        JsonNode refused = client.subscribe("audit");

        assertChannelError(refused, "SUBSCRIPTION_FAILED");
        assertThat(refused.path("data").path("details").path("channel").asText()).isEqualTo("audit");
    }

    @Test
    void auditIsOpenToAdmins() {
        ChannelClient client = channel(adminLogin().path("access_token").asText());

        JsonNode subscribed = client.subscribe("audit");

        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(texts(subscribed.path("data").path("channels"))).containsExactly("audit");
    }

    @Test
    void malformedSinceOffsetIsAnInvalidRequest() {
        ChannelClient client = channel(token(registerUser()));

        JsonNode refused = client.request("subscribe", obj("channels", List.of("companies"), "since", obj("companies", "abc")));

        assertChannelError(refused, "INVALID_REQUEST");
        assertThat(refused.path("data").path("details").path("channel").asText()).isEqualTo("companies");
    }

    // ---------------------------------------------------------------- errors

    @Test
    void textThatIsNotAJsonObjectIsAnInvalidFormat() {
        ChannelClient client = channel(token(registerUser()));
        client.connected();

        client.sendRaw("this is not json");
        assertChannelError(client.nextError("INVALID_FORMAT"), "INVALID_FORMAT");
        client.sendRaw("[1, 2, 3]");
        assertChannelError(client.nextError("INVALID_FORMAT"), "INVALID_FORMAT");

        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void missingOrUnknownTypeOrMisshapenDataIsAnInvalidRequest() {
        ChannelClient client = channel(token(registerUser()));

        assertChannelError(client.request("chat_message", obj("message", "hi")), "INVALID_REQUEST");
        client.sendRaw("{\"request_id\":\"no-type\",\"data\":{}}");
        assertChannelError(client.ws().awaitMessage(m -> "no-type".equals(m.path("request_id").asText()), "answer"), "INVALID_REQUEST");
        assertChannelError(client.request("subscribe", List.of("companies")), "INVALID_REQUEST");
        assertChannelError(client.request("subscribe", obj()), "INVALID_REQUEST");
        assertChannelError(client.request("subscribe", obj("channels", "companies")), "INVALID_REQUEST");

        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void messageOverTheLimitIsRefusedThenClosed1009() {
        ChannelClient client = channel(token(registerUser()));
        client.connected();

        client.sendRaw(padded("{\"type\":\"ping\",\"request_id\":\"big\"", MAX_MESSAGE_BYTES + 4_000));

        assertChannelError(client.nextError("MESSAGE_TOO_LARGE"), "MESSAGE_TOO_LARGE");
        assertThat(client.awaitClose().code()).isEqualTo(MESSAGE_TOO_BIG);
    }

    @Test
    void messageOverTheLimitInFramesIsJudgedByItsWholeSize() {
        ChannelClient client = channel(token(registerUser()));
        client.connected();
        String big = padded("{\"type\":\"ping\",\"request_id\":\"framed\"", MAX_MESSAGE_BYTES + 10_000);

        client.ws().sendInParts(List.of(big.substring(0, 30_000), big.substring(30_000, 60_000), big.substring(60_000)));

        assertChannelError(client.nextError("MESSAGE_TOO_LARGE"), "MESSAGE_TOO_LARGE");
        assertThat(client.awaitClose().code()).isEqualTo(MESSAGE_TOO_BIG);
    }

    // ---------------------------------------------------------------- pushed events

    @Test
    void subscriberOfCompaniesReceivesCompanyCreated() {
        ChannelClient client = channel(token(registerUser()));
        client.subscribe("companies");

        String uuid = create(admin(), "name", unique("pushed")).path("uuid").asText();
        JsonNode event = client.nextEvent("companies", m -> uuid.equals(companyOf(m)), "company_created of " + uuid);

        assertThat(event.path("type").asText()).isEqualTo("company_created");
        assertThat(event.path("offset").isTextual()).isTrue();
        assertThat(event.path("offset").asText()).matches("[0-9]+");
        assertTimestamp(event);
    }

    @Test
    void companyChannelReceivesOnlyThatCompanysEvents() {
        WsClient admin = admin();
        String watched = create(admin, "name", unique("watched")).path("uuid").asText();
        String other = create(admin, "name", unique("other")).path("uuid").asText();
        ChannelClient client = channel(token(registerUser()));
        client.subscribe("company:" + watched);

        rename(admin, other);
        rename(admin, watched);
        JsonNode event = client.nextEvent("company:" + watched, m -> "company_updated".equals(m.path("type").asText()),
                "company_updated");

        assertThat(companyOf(event)).isEqualTo(watched);
        settle();
        assertThat(client.events()).allSatisfy(m -> assertThat(companyOf(m)).isEqualTo(watched));
    }

    @Test
    void subscribingAgainReplacesTheSubscription() {
        ChannelClient client = channel(token(registerUser()));
        client.subscribe("companies");
        client.subscribe("companies");
        WsClient admin = admin();

        String first = create(admin, "name", unique("once")).path("uuid").asText();
        String second = create(admin, "name", unique("then")).path("uuid").asText();
        client.nextEvent("companies", m -> second.equals(companyOf(m)), "company_created of the second");

        assertThat(client.events().stream().filter(m -> first.equals(companyOf(m)))).hasSize(1);
    }

    @Test
    void unsubscribedChannelIsNoLongerPushed() {
        WsClient admin = admin();
        String watched = create(admin, "name", unique("watched")).path("uuid").asText();
        ChannelClient client = channel(token(registerUser()));
        client.subscribe("companies", "company:" + watched);
        client.unsubscribe("companies");

        String unseen = create(admin, "name", unique("unseen")).path("uuid").asText();
        rename(admin, watched);
        client.nextEvent("company:" + watched, m -> "company_updated".equals(m.path("type").asText()), "company_updated");

        settle();
        assertThat(client.events()).noneSatisfy(m -> assertThat(companyOf(m)).isEqualTo(unseen));
    }

    @Test
    void subscribingSinceAnOffsetResumesAfterItInOrderWithoutRepeats() {
        WsClient admin = admin();
        ChannelClient first = channel(token(registerUser()));
        first.subscribe("companies");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(create(admin, "name", unique("resume" + i)).path("uuid").asText());
        }
        String resumeAfter = first.nextEvent("companies", m -> created.get(0).equals(companyOf(m)), "the first").path("offset").asText();
        first.close();

        ChannelClient resumed = channel(token(registerUser()));
        resumed.subscribeSince("companies", resumeAfter);
        String live = create(admin, "name", unique("live")).path("uuid").asText();
        resumed.nextEvent("companies", m -> live.equals(companyOf(m)), "the live one");

        Set<String> ours = Set.of(created.get(0), created.get(1), created.get(2), live);
        List<JsonNode> events = resumed.events();
        assertThat(events.stream().map(ChannelScenarios::companyOf).filter(ours::contains).toList())
                .containsExactly(created.get(1), created.get(2), live);
        List<Long> offsets = events.stream().map(m -> Long.parseLong(m.path("offset").asText())).toList();
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        assertThat(offsets).allSatisfy(offset -> assertThat(offset).isGreaterThan(Long.parseLong(resumeAfter)));
    }

    // ---------------------------------------------------------------- helpers

    private static String token(JsonNode tokenResponse) {
        return tokenResponse.path("access_token").asText();
    }

    private static String companyOf(JsonNode event) {
        return event.path("data").path("company_uuid").asText(null);
    }

    private static void rename(WsClient admin, String uuid) {
        success(admin.call("update_company", keyed("company_uuid", uuid, "name", unique("renamed"))));
    }

    /** Asserts an error message of the channel protocol with this code. */
    static void assertChannelError(JsonNode message, String code) {
        assertThat(message.path("type").asText()).as("type of %s", message).isEqualTo("error");
        assertThat(message.path("data").path("error_code").asText()).as("error_code of %s", message).isEqualTo(code);
        assertThat(message.path("data").path("message").asText()).as("message of %s", message).isNotBlank();
        assertThat(message.path("data").path("details").isObject()).as("details of %s", message).isTrue();
        assertTimestamp(message);
    }

    private static void assertTimestamp(JsonNode message) {
        assertThat(message.path("timestamp").asText()).as("timestamp of %s", message).endsWith("Z");
        assertThat(Instant.parse(message.path("timestamp").asText())).isNotNull();
    }

    /** {@code head} closed with {@code }} after JSON whitespace, {@code bytes} long in all (ASCII). */
    private static String padded(String head, int bytes) {
        return head + " ".repeat(bytes - head.length() - 1) + "}";
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

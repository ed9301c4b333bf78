package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications end to end: {@code publish_notification} (admin only, no write key),
 * {@code list_notifications} and {@code mark_notification_read} on the companies endpoint, and their
 * pushes to subscribers of {@code notifications} on the channel endpoint {@code /api/v1/ws}. Broadcasts
 * reach every user of the shared application, so scenarios find theirs by a unique message.
 */
abstract class NotificationScenarios extends BeaconScenarioSupport {

    /** How long a push that must not come is given to come anyway. */
    private static final Duration SETTLE = Duration.ofMillis(700);

    /** A registered user: their connection to the companies endpoint, uuid and token. */
    private record Person(WsClient ws, String uuid, String token) {
    }

    private Person person() {
        JsonNode registered = registerUser();
        String token = registered.path("access_token").asText();
        return new Person(connect(token), registered.path("user").path("uuid").asText(), token);
    }

    // ---------------------------------------------------------------- publish and list

    @Test
    void aNotificationToOneUserIsInTheirListUnreadAndInNoOneElses() {
        Person ada = person();
        Person bob = person();
        String message = unique("export ready");

        JsonNode published = success(admin().call("publish_notification",
                obj("level", "success", "message", message, "action_required", true, "user_uuid", ada.uuid())));

        assertThat(published.path("uuid").asText()).matches("[0-9a-f-]{36}");
        assertThat(published.path("level").asText()).isEqualTo("success");
        assertThat(published.path("message").asText()).isEqualTo(message);
        assertThat(published.path("action_required").asBoolean()).isTrue();
        assertThat(published.path("broadcast").asBoolean()).isFalse();
        assertThat(published.path("user_uuid").asText()).isEqualTo(ada.uuid());
        assertThat(published.path("created_at").asText()).endsWith("Z");
        JsonNode listed = find(ada.ws(), message).orElseThrow();
        assertThat(fieldNames(listed)).containsExactly("uuid", "level", "message", "action_required", "read",
                "created_at", "broadcast");
        assertThat(listed.path("uuid").asText()).isEqualTo(published.path("uuid").asText());
        assertThat(listed.path("read").asBoolean()).isFalse();
        assertThat(listed.path("action_required").asBoolean()).isTrue();
        assertThat(find(bob.ws(), message)).as("Bob's list").isEmpty();
        assertThat(find(admin(), message)).as("the admin's list").isEmpty();
    }

    @Test
    void aBroadcastIsInEveryonesList() {
        Person ada = person();
        Person bob = person();
        String message = unique("maintenance tonight");

        JsonNode published = success(admin().call("publish_notification",
                obj("level", "warning", "message", message, "action_required", false)));

        assertThat(published.path("broadcast").asBoolean()).isTrue();
        assertThat(published.path("user_uuid").isNull()).isTrue();
        for (WsClient client : List.of(ada.ws(), bob.ws(), admin(), person().ws())) {
            JsonNode listed = find(client, message).orElseThrow();
            assertThat(listed.path("broadcast").asBoolean()).isTrue();
            assertThat(listed.path("read").asBoolean()).isFalse();
            assertThat(listed.path("level").asText()).isEqualTo("warning");
        }
    }

    @Test
    void markingReadIsForThatUserOnlyAndHarmlessTwice() {
        Person ada = person();
        Person bob = person();
        String broadcast = unique("all hands");
        String uuid = success(admin().call("publish_notification", obj("level", "info", "message", broadcast)))
                .path("uuid").asText();
        long adaUnread = unread(ada.ws());

        JsonNode marked = success(ada.ws().call("mark_notification_read", obj("notification_uuid", uuid)));
        JsonNode again = success(ada.ws().call("mark_notification_read", obj("notification_uuid", uuid)));

        assertThat(marked.path("read").asBoolean()).isTrue();
        assertThat(marked.path("uuid").asText()).isEqualTo(uuid);
        assertThat(again.path("read").asBoolean()).isTrue();
        assertThat(find(ada.ws(), broadcast).orElseThrow().path("read").asBoolean()).isTrue();
        assertThat(unread(ada.ws())).isEqualTo(adaUnread - 1);
        assertThat(find(bob.ws(), broadcast).orElseThrow().path("read").asBoolean()).as("Bob's copy").isFalse();
        assertThat(messages(ada.ws(), true)).doesNotContain(broadcast);
        assertThat(messages(bob.ws(), true)).contains(broadcast);
    }

    @Test
    void listUnreadOnlyAndPaging() {
        Person ada = person();
        WsClient admin = admin();
        String first = unique("first");
        String second = unique("second");
        publishTo(admin, ada, first);
        String secondUuid = publishTo(admin, ada, second).path("uuid").asText();
        success(ada.ws().call("mark_notification_read", obj("notification_uuid", secondUuid)));

        JsonNode newest = success(ada.ws().call("list_notifications", obj("limit", 1)));
        assertThat(newest.path("results")).hasSize(1);
        assertThat(newest.path("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode unreadPage = success(ada.ws().call("list_notifications", obj("unread_only", true, "limit", 1000)));
        List<String> unread = StreamSupport.stream(unreadPage.path("results").spliterator(), false)
                .map(n -> n.path("message").asText()).toList();
        assertThat(unread).contains(first).doesNotContain(second);
        assertThat(unreadPage.path("unread").asLong()).isEqualTo(unreadPage.path("total").asLong());
        JsonNode offsetPage = success(ada.ws().call("list_notifications", obj("offset", 100_000)));
        assertThat(offsetPage.path("results")).isEmpty();
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void onlyAnAdminPublishesAndNeedsNoWriteKey() {
        Person ada = person();

        assertError(ada.ws().call("publish_notification", obj("level", "info", "message", "hi")), "forbidden");
        assertError(ada.ws().call("publish_notification",
                obj("level", "info", "message", "hi", "user_uuid", ada.uuid())), "forbidden");
        success(admin().call("publish_notification", obj("level", "info", "message", unique("keyless"),
                "user_uuid", ada.uuid())));
    }

    @Test
    void publishValidatesItsFields() {
        WsClient admin = admin();
        Person ada = person();

        assertError(admin.call("publish_notification", obj("level", "info")), "missing_field");
        assertError(admin.call("publish_notification", obj("message", "no level")), "missing_field");
        assertError(admin.call("publish_notification", obj("level", "critical", "message", "x")), "validation_error");
        assertError(admin.call("publish_notification", obj("level", "INFO", "message", "x")), "validation_error");
        assertError(admin.call("publish_notification", obj("level", "info", "message", "   ")), "validation_error");
        assertError(admin.call("publish_notification", obj("level", "info", "message", "x".repeat(2_001))),
                "validation_error");
        assertError(admin.call("publish_notification", obj("level", "info", "message", obj("$ne", ""))),
                "validation_error");
        assertError(admin.call("publish_notification", obj("level", "info", "message", "x", "action_required", "yes")),
                "validation_error");
        assertError(admin.call("publish_notification", obj("level", "info", "message", "x", "user_uuid", "nobody")),
                "validation_error");
        assertError(admin.call("publish_notification", obj("level", "info", "message", "x", "color", "red")),
                "validation_error");
        assertError(admin.call("publish_notification",
                obj("level", "info", "message", "x", "user_uuid", UUID.randomUUID().toString())), "not_found");
        String longest = unique("") + "x".repeat(1_980);
        assertThat(success(admin.call("publish_notification",
                obj("level", "error", "message", longest, "user_uuid", ada.uuid()))).path("message").asText())
                .hasSize(longest.length());
    }

    @Test
    void markingAnotherUsersOrAnUnknownNotificationIsNotFound() {
        Person ada = person();
        Person bob = person();
        String message = unique("private");
        String uuid = publishTo(admin(), ada, message).path("uuid").asText();

        assertError(bob.ws().call("mark_notification_read", obj("notification_uuid", uuid)), "not_found");
        assertError(ada.ws().call("mark_notification_read",
                obj("notification_uuid", UUID.randomUUID().toString())), "not_found");
        assertError(ada.ws().call("mark_notification_read", obj()), "missing_field");
        assertError(ada.ws().call("mark_notification_read", obj("notification_uuid", "x")), "validation_error");
        assertThat(find(ada.ws(), message).orElseThrow().path("read").asBoolean()).as("still unread for Ada").isFalse();
    }

    @Test
    void listValidatesItsFields() {
        WsClient ada = person().ws();

        assertError(ada.call("list_notifications", obj("limit", 0)), "validation_error");
        assertError(ada.call("list_notifications", obj("limit", 1_001)), "validation_error");
        assertError(ada.call("list_notifications", obj("offset", -1)), "validation_error");
        assertError(ada.call("list_notifications", obj("unread_only", "true")), "validation_error");
        assertError(ada.call("list_notifications", obj("user_uuid", UUID.randomUUID().toString())), "validation_error");
    }

    // ---------------------------------------------------------------- pushes on /api/v1/ws

    @Test
    void theRecipientIsPushedTheirNotificationAndOthersAreNot() {
        Person ada = person();
        Person bob = person();
        ChannelClient adaFeed = subscribed(ada);
        ChannelClient bobFeed = subscribed(bob);
        String message = unique("yours");

        String uuid = publishTo(admin(), ada, message).path("uuid").asText();

        JsonNode pushed = adaFeed.nextEvent("notifications", m -> message.equals(m.path("data").path("message").asText()),
                "Ada's notification");
        assertThat(pushed.path("type").asText()).isEqualTo("notification");
        assertThat(pushed.path("data").path("notification_uuid").asText()).isEqualTo(uuid);
        assertThat(pushed.path("data").path("level").asText()).isEqualTo("info");
        assertThat(pushed.path("data").path("action_required").asBoolean()).isFalse();
        assertThat(pushed.path("offset").asText()).matches("\\d+");
        settle();
        assertThat(bobFeed.events()).noneMatch(m -> message.equals(m.path("data").path("message").asText()));
    }

    @Test
    void everySubscriberIsPushedABroadcastAndAdminsSeeItOnAudit() {
        ChannelClient adaFeed = subscribed(person());
        ChannelClient bobFeed = subscribed(person());
        ChannelClient audit = channel(adminLogin().path("access_token").asText());
        audit.subscribe("audit");
        String message = unique("everyone");

        success(admin().call("publish_notification", obj("level", "error", "message", message, "action_required", true)));

        for (ChannelClient feed : List.of(adaFeed, bobFeed)) {
            JsonNode pushed = feed.nextEvent("notifications",
                    m -> message.equals(m.path("data").path("message").asText()), "the broadcast");
            assertThat(pushed.path("type").asText()).isEqualTo("system_notification");
            assertThat(pushed.path("data").path("level").asText()).isEqualTo("error");
            assertThat(pushed.path("data").path("action_required").asBoolean()).isTrue();
        }
        JsonNode audited = audit.nextEvent("audit", m -> message.equals(m.path("data").path("message").asText()),
                "the broadcast on audit");
        assertThat(audited.path("type").asText()).isEqualTo("system_notification");
    }

    @Test
    void readingANotificationPushesAStatusUpdateToTheReaderOnly() {
        Person ada = person();
        Person bob = person();
        ChannelClient adaFeed = subscribed(ada);
        ChannelClient bobFeed = subscribed(bob);
        ChannelClient audit = channel(adminLogin().path("access_token").asText());
        audit.subscribe("audit");
        String broadcast = unique("read me");
        String uuid = success(admin().call("publish_notification", obj("level", "info", "message", broadcast)))
                .path("uuid").asText();
        String published = adaFeed.nextEvent("notifications", m -> uuid.equals(m.path("data").path("notification_uuid").asText()),
                "the broadcast").path("offset").asText();

        success(ada.ws().call("mark_notification_read", obj("notification_uuid", uuid)));

        JsonNode status = adaFeed.nextEvent("notifications", m -> uuid.equals(m.path("data").path("entity_id").asText()),
                "Ada's status update");
        assertThat(status.path("type").asText()).isEqualTo("status_update");
        assertThat(fieldNames(status.path("data"))).containsExactly("entity_type", "entity_id", "status");
        assertThat(status.path("data").path("entity_type").asText()).isEqualTo("notification");
        assertThat(status.path("data").path("status").asText()).isEqualTo("read");
        assertThat(Long.parseLong(status.path("offset").asText())).isGreaterThan(Long.parseLong(published));
        assertThat(audit.nextEvent("audit", m -> "status_update".equals(m.path("type").asText())
                && uuid.equals(m.path("data").path("entity_id").asText()), "the status update on audit")
                .path("offset").asText()).isEqualTo(status.path("offset").asText());
        // Marking it again changes nothing: no second push. Bob's copy stays unread: he is told nothing.
        success(ada.ws().call("mark_notification_read", obj("notification_uuid", uuid)));
        settle();
        assertThat(adaFeed.events()).filteredOn(m -> "status_update".equals(m.path("type").asText())).hasSize(1);
        assertThat(bobFeed.events()).noneMatch(m -> "status_update".equals(m.path("type").asText()));

        // A reader who was away gets it on resume.
        ChannelClient resumed = channel(ada.token());
        resumed.subscribeSince("notifications", published);
        assertThat(resumed.nextEvent("notifications", m -> uuid.equals(m.path("data").path("entity_id").asText()),
                "the status update again").path("offset").asText()).isEqualTo(status.path("offset").asText());
    }

    @Test
    void resumingNotificationsWithSinceDeliversOwnAndBroadcastsMissed() {
        Person ada = person();
        WsClient admin = admin();
        ChannelClient first = subscribed(ada);
        String before = unique("before");
        publishTo(admin, ada, before);
        String resumeAfter = first.nextEvent("notifications",
                m -> before.equals(m.path("data").path("message").asText()), "before").path("offset").asText();
        first.close();

        String missedOwn = unique("missed own");
        String missedBroadcast = unique("missed broadcast");
        publishTo(admin, ada, missedOwn);
        success(admin.call("publish_notification", obj("level", "info", "message", missedBroadcast)));

        ChannelClient resumed = channel(ada.token());
        resumed.subscribeSince("notifications", resumeAfter);
        resumed.nextEvent("notifications", m -> missedOwn.equals(m.path("data").path("message").asText()), "missed own");
        resumed.nextEvent("notifications", m -> missedBroadcast.equals(m.path("data").path("message").asText()),
                "missed broadcast");
        settle();
        assertThat(resumed.events()).noneMatch(m -> before.equals(m.path("data").path("message").asText()));
        assertThat(resumed.events()).allMatch(m -> Long.parseLong(m.path("offset").asText()) > Long.parseLong(resumeAfter));
    }

    @Test
    void theInternalFeedChannelsCannotBeSubscribed() {
        Person ada = person();
        ChannelClient client = channel(ada.token());

        JsonNode refused = client.subscribe("notifications:" + ada.uuid());
        assertThat(refused.path("type").asText()).isEqualTo("error");
        assertThat(refused.path("data").path("error_code").asText()).isEqualTo("SUBSCRIPTION_FAILED");
        JsonNode broadcast = client.subscribe("notifications:*");
        assertThat(broadcast.path("data").path("error_code").asText()).isEqualTo("SUBSCRIPTION_FAILED");
    }

    // ---------------------------------------------------------------- helpers

    private ChannelClient subscribed(Person person) {
        ChannelClient client = channel(person.token());
        assertThat(client.subscribe("notifications").path("type").asText()).isEqualTo("subscribed");
        return client;
    }

    private static JsonNode publishTo(WsClient admin, Person person, String message) {
        return success(admin.call("publish_notification",
                obj("level", "info", "message", message, "user_uuid", person.uuid())));
    }

    /** The notification with this message in the client's list (newest 1,000), if there. */
    private static Optional<JsonNode> find(WsClient client, String message) {
        JsonNode page = success(client.call("list_notifications", obj("limit", 1_000)));
        return StreamSupport.stream(page.path("results").spliterator(), false)
                .filter(n -> message.equals(n.path("message").asText())).findFirst();
    }

    private static List<String> messages(WsClient client, boolean unreadOnly) {
        JsonNode page = success(client.call("list_notifications", obj("unread_only", unreadOnly, "limit", 1_000)));
        return StreamSupport.stream(page.path("results").spliterator(), false).map(n -> n.path("message").asText()).toList();
    }

    private static long unread(WsClient client) {
        return success(client.call("list_notifications", obj("limit", 1))).path("unread").asLong();
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

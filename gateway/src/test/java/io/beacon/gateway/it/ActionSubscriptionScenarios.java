package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code subscribe} / {@code unsubscribe} on the companies endpoint, end to end: a read action's
 * answer, then {@code subscription_update}s as writes (on another connection) change it.
 */
abstract class ActionSubscriptionScenarios extends BeaconScenarioSupport {

    private static JsonNode subscribe(WsClient client, String query, Map<String, Object> data) {
        return success(client.call("subscribe", obj("query", query, "data", data)));
    }

    /** The next update of this subscription that satisfies {@code condition}. */
    private static JsonNode update(WsClient client, String subscriptionId, Predicate<JsonNode> condition, String what) {
        JsonNode update = client.awaitNext(m -> "subscription_update".equals(m.path("action").asText())
                && subscriptionId.equals(m.path("subscription_id").asText()) && condition.test(m), what);
        assertThat(update.path("status").asText()).isEqualTo("success");
        assertThat(update.path("offset").asText()).matches("\\d+");
        return update;
    }

    private static void rename(WsClient admin, String uuid, String name) {
        success(admin.call("update_company", keyed("company_uuid", uuid, "name", name)));
    }

    @Test
    void aSubscribedCompanyIsPushedAsItChanges() {
        WsClient admin = admin();
        WsClient reader = user();
        JsonNode company = create(admin, "name", "Live " + unique("c"));
        String uuid = company.path("uuid").asText();

        JsonNode answer = subscribe(reader, "get_company", obj("company_uuid", uuid));
        assertThat(answer.path("subscription_id").asText()).isNotBlank();
        assertThat(answer.path("initial").path("name").asText()).isEqualTo(company.path("name").asText());
        String id = answer.path("subscription_id").asText();

        rename(admin, uuid, "Renamed Live");
        JsonNode update = update(reader, id, m -> true, "the rename");

        assertThat(update.path("data").path("name").asText()).isEqualTo("Renamed Live");
        assertThat(update.path("data").path("version").asLong()).isEqualTo(2);
    }

    @Test
    void aListSubscriptionReportsRowsEnteringChangingAndLeavingTheFilteredSet() {
        WsClient admin = admin();
        WsClient reader = user();
        String tag = unique("live");
        create(admin, "name", tag + " first");
        JsonNode answer = subscribe(reader, "list_companies", obj("name", tag, "limit", 100));
        assertThat(names(answer.path("initial").path("results"))).containsExactly(tag + " first");
        String id = answer.path("subscription_id").asText();

        String second = create(admin, "name", tag + " second").path("uuid").asText();
        JsonNode entered = update(reader, id, m -> true, "a company entering");
        create(admin, "name", "Unrelated " + unique("x"));
        rename(admin, second, tag + " second, renamed");
        JsonNode changed = update(reader, id, m -> true, "a company changing");
        rename(admin, second, "Gone " + unique("g"));
        JsonNode left = update(reader, id, m -> true, "a company leaving");

        assertThat(entered.path("data").path("change").asText()).isEqualTo("entered");
        assertThat(entered.path("data").path("uuid").asText()).isEqualTo(second);
        assertThat(entered.path("data").path("row").path("name").asText()).isEqualTo(tag + " second");
        assertThat(changed.path("data").path("change").asText()).as("the unrelated company pushed nothing").isEqualTo("changed");
        assertThat(changed.path("data").path("row").path("name").asText()).isEqualTo(tag + " second, renamed");
        assertThat(left.path("data").path("change").asText()).isEqualTo("left");
        assertThat(left.path("data").path("uuid").asText()).isEqualTo(second);
        assertThat(Long.parseLong(left.path("offset").asText())).isGreaterThan(Long.parseLong(entered.path("offset").asText()));
    }

    @Test
    void countsAndCompanyContactsArePushedToo() {
        WsClient admin = admin();
        WsClient reader = user();
        String tag = unique("count");
        JsonNode company = create(admin, "name", tag);
        JsonNode count = subscribe(reader, "count_companies", obj("name", tag));
        JsonNode contacts = subscribe(reader, "list_company_contacts", obj("company_uuid", company.path("uuid").asText()));
        assertThat(count.path("initial").path("count").asLong()).isEqualTo(1);
        assertThat(contacts.path("initial").path("results")).isEmpty();

        create(admin, "name", tag + " two");
        JsonNode newCount = update(reader, count.path("subscription_id").asText(), m -> true, "the new count");
        JsonNode contact = success(admin.call("create_contact", keyed("company_uuid", company.path("uuid").asText(),
                "first_name", "Live", "last_name", "Contact")));
        JsonNode entered = update(reader, contacts.path("subscription_id").asText(), m -> true, "the new contact");

        assertThat(newCount.path("data").path("count").asLong()).isEqualTo(2);
        assertThat(entered.path("data").path("change").asText()).isEqualTo("entered");
        assertThat(entered.path("data").path("uuid").asText()).isEqualTo(contact.path("uuid").asText());
    }

    @Test
    void unsubscribeStopsTheUpdatesAndBadSubscriptionsAreErrors() {
        WsClient admin = admin();
        WsClient reader = user();
        String tag = unique("stop");
        JsonNode company = create(admin, "name", tag);
        String stopped = subscribe(reader, "get_company", obj("company_uuid", company.path("uuid").asText()))
                .path("subscription_id").asText();
        String kept = subscribe(reader, "count_companies", obj("name", tag)).path("subscription_id").asText();

        assertThat(success(reader.call("unsubscribe", obj("subscription_id", stopped))).path("subscription_id").asText())
                .isEqualTo(stopped);
        rename(admin, company.path("uuid").asText(), tag + " renamed");
        create(admin, "name", tag + " more");
        update(reader, kept, m -> m.path("data").path("count").asLong() == 2, "the kept subscription's update");

        assertThat(reader.received()).noneMatch(m -> stopped.equals(m.path("subscription_id").asText()));
        assertError(reader.call("unsubscribe", obj("subscription_id", stopped)), "not_found");
        assertError(reader.call("subscribe", obj("query", "create_company", "data", obj("name", "x"))), "validation_error");
        assertError(reader.call("subscribe", obj("query", "no_such_action", "data", obj())), "unknown_action");
        assertError(reader.call("subscribe", obj("query", "list_companies", "data", obj("bogus", 1))), "validation_error");
        assertError(reader.call("subscribe", obj("query", "get_company", "data", obj("company_uuid",
                "00000000-0000-4000-8000-000000000000"))), "not_found");
        assertError(reader.call("subscribe", obj("data", obj())), "missing_field");
    }

    @Test
    void theLastUpdateAfterABurstOfWritesMatchesTheFinalState() {
        WsClient admin = admin();
        WsClient reader = user();
        JsonNode company = create(admin, "name", unique("burst"));
        String uuid = company.path("uuid").asText();
        String id = subscribe(reader, "get_company", obj("company_uuid", uuid)).path("subscription_id").asText();

        for (int i = 1; i <= 8; i++) {
            rename(admin, uuid, "Burst " + i);
        }
        JsonNode last = update(reader, id, m -> m.path("data").path("name").asText().equals("Burst 8"), "the final name");

        JsonNode current = success(reader.call("get_company", obj("company_uuid", uuid)));
        assertThat(last.path("data")).isEqualTo(current);
        List<Long> versions = reader.received().stream()
                .filter(m -> id.equals(m.path("subscription_id").asText()))
                .map(m -> m.path("data").path("version").asLong()).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates().last().isEqualTo(9L);
    }
}

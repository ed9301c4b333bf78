package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail on the companies endpoint, end to end: {@code get_company_history},
 * {@code get_company_as_of}, {@code get_contact_history} and {@code get_contact_as_of} after scripted
 * writes through a real WebSocket, read back from the event store. Each step's past state is compared
 * whole with what the reads answered at that step.
 */
abstract class HistoryScenarios extends BeaconScenarioSupport {

    private static final Duration CASCADE_WAIT = Duration.ofSeconds(30);

    /** A request and the answer to it: the history names the request that made each change. */
    private record Sent(String requestId, JsonNode answer) {
        JsonNode data() {
            return success(answer);
        }
    }

    private static Sent send(WsClient client, String action, Map<String, Object> data) {
        String requestId = client.nextRequestId();
        JsonNode answer = WsClient.await(client.sendEnvelope(requestId, client.envelope(action, requestId, data)),
                "answer to " + action);
        return new Sent(requestId, answer);
    }

    /**
     * Lets the clock pass the millisecond of the last write, so the next one is stamped later as reads
     * show times, and an instant between the two names the earlier state.
     */
    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(Object value) {
        return WsClient.JSON.valueToTree(value);
    }

    private static Map<String, Object> change(Object oldValue, Object newValue) {
        return obj("old", oldValue, "new", newValue);
    }

    private static Instant instant(JsonNode text) {
        return Instant.parse(text.asText());
    }

    private JsonNode companyHistory(WsClient client, String uuid) {
        return success(client.call("get_company_history", obj("company_uuid", uuid)));
    }

    private JsonNode companyAsOf(WsClient client, String uuid, Object asOf) {
        return client.call("get_company_as_of", obj("company_uuid", uuid, "as_of", asOf.toString()));
    }

    private JsonNode contactAsOf(WsClient client, String uuid, Object asOf) {
        return client.call("get_contact_as_of", obj("contact_uuid", uuid, "as_of", asOf.toString()));
    }

    private void assertActor(JsonNode entry, String requestId) {
        JsonNode admin = adminLogin().path("user");
        assertThat(entry.path("actor")).as("actor of %s", entry)
                .isEqualTo(json(obj("uuid", admin.path("uuid").asText(), "email", admin.path("email").asText())));
        assertThat(entry.path("request_id").asText()).as("request of %s", entry).isEqualTo(requestId);
    }

    // ---------------------------------------------------------------- companies

    @Test
    void aCompanysHistoryTellsWhoChangedWhatOnWhichRequestAndItsPastStatesAreItsReads() {
        WsClient admin = admin();
        String name = unique("Chronicle");
        Sent created = send(admin, "create_company", keyed("name", name, "employees_count", 250,
                "industries", arr("Technology", "Software"), "address", "1 Main St",
                "metadata", obj("city", "San Francisco", "website", "https://chronicle.example")));
        String uuid = created.data().path("uuid").asText();
        List<JsonNode> reads = new ArrayList<>();
        reads.add(success(admin.call("get_company", obj("company_uuid", uuid))));
        pause();
        Sent renamed = send(admin, "update_company", keyed("company_uuid", uuid, "name", name + " Corp",
                "metadata", obj("city", "Oakland")));
        reads.add(success(admin.call("get_company", obj("company_uuid", uuid))));
        pause();
        Sent changed = send(admin, "update_company", keyed("company_uuid", uuid, "industries", arr("Fintech"),
                "address", null, "employees_count", 300));
        reads.add(success(admin.call("get_company", obj("company_uuid", uuid))));
        pause();
        Sent deleted = send(admin, "delete_company", keyed("company_uuid", uuid));
        success(deleted.answer());
        assertError(admin.call("get_company", obj("company_uuid", uuid)), "not_found");

        JsonNode history = companyHistory(admin, uuid);

        assertThat(history.path("company_uuid").asText()).isEqualTo(uuid);
        assertThat(history.path("next_sequence").isNull()).isTrue();
        JsonNode events = history.path("events");
        assertThat(events).hasSize(4);
        List<Sent> requests = List.of(created, renamed, changed, deleted);
        List<String> types = List.of("company_created", "company_updated", "company_updated", "company_deleted");
        for (int i = 0; i < 4; i++) {
            assertThat(events.get(i).path("sequence").asLong()).isEqualTo(i);
            assertThat(events.get(i).path("type").asText()).isEqualTo(types.get(i));
            assertActor(events.get(i), requests.get(i).requestId());
        }
        assertThat(events.get(0).path("changes")).isEqualTo(json(obj(
                "name", change(null, name),
                "employees_count", change(null, 250),
                "industries", change(null, arr("Technology", "Software")),
                "address", change(null, "1 Main St"),
                "metadata.city", change(null, "San Francisco"),
                "metadata.website", change(null, "https://chronicle.example"))));
        assertThat(events.get(1).path("changes")).isEqualTo(json(obj(
                "name", change(name, name + " Corp"),
                "metadata.city", change("San Francisco", "Oakland"))));
        assertThat(events.get(2).path("changes")).isEqualTo(json(obj(
                "industries", change(arr("Technology", "Software"), arr("Fintech")),
                "address", change("1 Main St", null),
                "employees_count", change(250, 300))));
        assertThat(events.get(3).path("changes")).isEqualTo(json(obj()));
        for (int i = 0; i < 3; i++) {
            // The event's own time, to the read's millisecond.
            assertThat(instant(events.get(i).path("occurred_at")).toEpochMilli())
                    .isEqualTo(instant(reads.get(i).path("updated_at")).toEpochMilli());
        }
        Instant deletedAt = instant(events.get(3).path("occurred_at"));
        assertThat(deletedAt).isAfter(instant(events.get(2).path("occurred_at")));

        // As of each step's own time: exactly what get_company answered then.
        for (int i = 0; i < 3; i++) {
            JsonNode then = reads.get(i);
            assertThat(success(companyAsOf(admin, uuid, then.path("updated_at").asText())))
                    .as("as of step %s", i).isEqualTo(then);
        }
        // Between two steps, the earlier; an offset names the same instant.
        Instant beforeRename = instant(reads.get(1).path("updated_at")).minusMillis(1);
        assertThat(success(companyAsOf(admin, uuid, beforeRename))).isEqualTo(reads.get(0));
        String withOffset = instant(reads.get(1).path("updated_at")).atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(success(companyAsOf(admin, uuid, withOffset))).isEqualTo(reads.get(1));
        // Not yet created, and deleted.
        assertError(companyAsOf(admin, uuid, instant(reads.get(0).path("created_at")).minusMillis(1)), "not_found");
        assertError(companyAsOf(admin, uuid, deletedAt), "not_found");
        assertError(companyAsOf(admin, uuid, Instant.now().plusSeconds(60)), "not_found");
    }

    @Test
    void anyUserMayReadAHistoryAndAPastState() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Open book"));
        String uuid = company.path("uuid").asText();
        WsClient reader = user();

        JsonNode history = companyHistory(reader, uuid);
        JsonNode then = success(companyAsOf(reader, uuid, company.path("updated_at").asText()));

        assertThat(history.path("events")).hasSize(1);
        assertThat(history.path("events").get(0).path("type").asText()).isEqualTo("company_created");
        assertThat(then).isEqualTo(company);
    }

    @Test
    void aLongHistoryIsPagedByFromSequenceAndLimit() {
        WsClient admin = admin();
        String uuid = create(admin, "name", unique("Pages")).path("uuid").asText();
        for (int i = 1; i <= 6; i++) {
            success(admin.call("update_company", keyed("company_uuid", uuid, "employees_count", i)));
        }

        JsonNode first = success(admin.call("get_company_history", obj("company_uuid", uuid, "limit", 3)));
        JsonNode second = success(admin.call("get_company_history", obj("company_uuid", uuid,
                "from_sequence", first.path("next_sequence").asLong(), "limit", 3)));
        JsonNode last = success(admin.call("get_company_history", obj("company_uuid", uuid,
                "from_sequence", second.path("next_sequence").asLong(), "limit", 3)));
        JsonNode beyond = success(admin.call("get_company_history", obj("company_uuid", uuid, "from_sequence", 7)));
        JsonNode whole = companyHistory(admin, uuid);

        assertThat(sequences(first)).containsExactly(0L, 1L, 2L);
        assertThat(first.path("next_sequence").asLong()).isEqualTo(3);
        assertThat(sequences(second)).containsExactly(3L, 4L, 5L);
        assertThat(second.path("next_sequence").asLong()).isEqualTo(6);
        assertThat(sequences(last)).containsExactly(6L);
        assertThat(last.path("next_sequence").isNull()).isTrue();
        assertThat(last.path("events").get(0).path("changes"))
                .isEqualTo(json(obj("employees_count", change(5, 6))));
        assertThat(beyond.path("events")).isEmpty();
        assertThat(beyond.path("next_sequence").isNull()).isTrue();
        assertThat(sequences(whole)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    /**
     * A company takes a snapshot every 100 events, from which Axon loads it; its history still starts at
     * its first event, and its latest state folds every event.
     */
    @Test
    void aHistoryPastSnapshotsIsWholeFromTheFirstEventAndItsLatestStateIsTheRead() {
        int events = 300;
        WsClient admin = admin();
        String uuid = create(admin, "name", unique("Busy")).path("uuid").asText();
        for (int batch = 1; batch < events; batch += 30) {
            List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
            for (int i = batch; i < Math.min(batch + 30, events); i++) {
                answers.add(admin.send("update_company", keyed("company_uuid", uuid, "employees_count", i)));
            }
            answers.forEach(answer -> success(WsClient.await(answer, "an update")));
        }
        JsonNode read = success(admin.call("get_company", obj("company_uuid", uuid)));
        assertThat(read.path("version").asLong()).isEqualTo(events);
        assertThat(storeClient.getDatabase("beacon").getCollection("events_snapshots")
                .countDocuments(new Document("_id", uuid))).as("a snapshot to start from").isEqualTo(1);

        JsonNode history = companyHistory(admin, uuid);
        JsonNode now = success(companyAsOf(admin, uuid, read.path("updated_at").asText()));

        List<Long> sequences = sequences(history);
        assertThat(sequences).hasSize(events);
        for (int i = 0; i < events; i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        assertThat(history.path("events").get(0).path("type").asText()).isEqualTo("company_created");
        assertThat(history.path("next_sequence").isNull()).isTrue();
        assertThat(now).isEqualTo(read);
    }

    // ---------------------------------------------------------------- contacts

    @Test
    void aContactsHistoryAndPastStatesFollowItAndItsCompanyUntilTheCascadeDeletesIt() throws InterruptedException {
        WsClient admin = admin();
        String companyName = unique("Employer");
        String company = create(admin, "name", companyName).path("uuid").asText();
        Sent created = send(admin, "create_contact", keyed("company_uuid", company, "first_name", "John",
                "last_name", "Doe", "email", "john.doe@example.com", "departments", arr("Engineering"),
                "metadata", obj("city", "San Francisco")));
        JsonNode atCreation = created.data();
        String uuid = atCreation.path("uuid").asText();
        pause();
        Sent updated = send(admin, "update_contact", keyed("contact_uuid", uuid, "title", "CTO",
                "metadata", obj("city", "Oakland")));
        JsonNode atUpdate = updated.data();
        pause();
        JsonNode renamed = success(admin.call("update_company", keyed("company_uuid", company,
                "name", companyName + " renamed")));
        JsonNode atRename = success(admin.call("list_company_contacts", obj("company_uuid", company)))
                .path("results").get(0);
        assertThat(atRename.path("company").path("name").asText()).isEqualTo(companyName + " renamed");
        pause();
        Sent companyDeleted = send(admin, "delete_company", keyed("company_uuid", company));
        success(companyDeleted.answer());

        JsonNode history = success(admin.call("get_contact_history", obj("contact_uuid", uuid)));
        long deadline = System.nanoTime() + CASCADE_WAIT.toNanos();
        while (history.path("events").size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            history = success(admin.call("get_contact_history", obj("contact_uuid", uuid)));
        }

        assertThat(history.path("contact_uuid").asText()).isEqualTo(uuid);
        assertThat(history.path("company_uuid").asText()).isEqualTo(company);
        JsonNode events = history.path("events");
        assertThat(events).as("the cascade's deletion within %s", CASCADE_WAIT).hasSize(3);
        assertThat(events.get(0).path("type").asText()).isEqualTo("contact_created");
        assertActor(events.get(0), created.requestId());
        assertThat(events.get(0).path("changes")).isEqualTo(json(obj(
                "first_name", change(null, "John"),
                "last_name", change(null, "Doe"),
                "email", change(null, "john.doe@example.com"),
                "departments", change(null, arr("Engineering")),
                "metadata.city", change(null, "San Francisco"))));
        assertThat(events.get(1).path("type").asText()).isEqualTo("contact_updated");
        assertActor(events.get(1), updated.requestId());
        assertThat(events.get(1).path("changes")).isEqualTo(json(obj(
                "title", change(null, "CTO"),
                "metadata.city", change("San Francisco", "Oakland"))));
        assertThat(events.get(2).path("type").asText()).isEqualTo("contact_deleted");
        assertThat(events.get(2).path("sequence").asLong()).isEqualTo(2);
        assertActor(events.get(2), companyDeleted.requestId());
        assertThat(events.get(2).path("changes")).isEqualTo(json(obj()));
        assertThat(events.get(2).path("cause").asText()).isEqualTo("company_deleted");

        assertThat(success(contactAsOf(admin, uuid, atCreation.path("updated_at").asText()))).isEqualTo(atCreation);
        assertThat(success(contactAsOf(admin, uuid, atUpdate.path("updated_at").asText()))).isEqualTo(atUpdate);
        assertThat(success(contactAsOf(admin, uuid, renamed.path("updated_at").asText())))
                .as("its company's name at that instant").isEqualTo(atRename);
        assertError(contactAsOf(admin, uuid, instant(atCreation.path("created_at")).minusMillis(1)), "not_found");
        assertError(contactAsOf(admin, uuid, events.get(2).path("occurred_at").asText()), "not_found");
    }

    @Test
    void anUploadedRowsHistoryNamesItsUploadAndRow() {
        String token = adminLogin().path("access_token").asText();
        UploadHttp http = new UploadHttp(port);
        String name = unique("Uploaded");
        UploadHttp.Answer accepted = http.upload(token, "companies", "text/csv",
                "name,employees_count\n" + name + " one,1\n" + name + " two,2\n", WRITE_KEY);
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        String upload = accepted.body().path("upload_id").asText();
        assertThat(http.await(token, upload, UploadHttp::finished, Duration.ofMinutes(1)).path("status").asText())
                .isEqualTo("completed");

        JsonNode entry = companyHistory(admin(), UploadHttp.rowEntityId(upload, 2)).path("events").get(0);

        assertThat(entry.path("type").asText()).isEqualTo("company_created");
        assertThat(entry.path("upload_id").asText()).isEqualTo(upload);
        assertThat(entry.path("upload_row").asLong()).isEqualTo(2);
        assertActor(entry, upload);
        assertThat(entry.path("changes")).isEqualTo(json(obj(
                "name", change(null, name + " two"),
                "employees_count", change(null, 2))));
    }

    // ---------------------------------------------------------------- live

    @Test
    void aSubscribedHistoryIsPushedTheCompanysNextEvent() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Watched"));
        String uuid = company.path("uuid").asText();
        WsClient reader = user();
        JsonNode subscribed = success(reader.call("subscribe", obj("query", "get_company_history",
                "data", obj("company_uuid", uuid))));
        JsonNode past = success(reader.call("subscribe", obj("query", "get_company_as_of",
                "data", obj("company_uuid", uuid, "as_of", company.path("updated_at").asText()))));
        assertThat(subscribed.path("initial").path("events")).hasSize(1);
        assertThat(past.path("initial")).isEqualTo(company);
        String id = subscribed.path("subscription_id").asText();
        pause();

        Sent renamed = send(admin, "update_company", keyed("company_uuid", uuid, "name", "Watched, renamed"));
        success(renamed.answer());
        JsonNode update = reader.awaitNext(m -> "subscription_update".equals(m.path("action").asText())
                && id.equals(m.path("subscription_id").asText()), "the history's update");

        assertThat(update.path("offset").asText()).matches("\\d+");
        JsonNode events = update.path("data").path("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(1).path("type").asText()).isEqualTo("company_updated");
        assertThat(events.get(1).path("changes").path("name").path("new").asText()).isEqualTo("Watched, renamed");
        assertThat(events.get(1).path("request_id").asText()).isEqualTo(renamed.requestId());
        String pastId = past.path("subscription_id").asText();
        assertThat(reader.received()).as("a past state never changes")
                .noneMatch(m -> pastId.equals(m.path("subscription_id").asText())
                        && "subscription_update".equals(m.path("action").asText()));
    }

    @Test
    void aSubscribedContactHistoryIsPushedOnlyThatContactsEvents() {
        WsClient admin = admin();
        String company = create(admin, "name", unique("Staffed")).path("uuid").asText();
        String watched = success(admin.call("create_contact", keyed("company_uuid", company, "first_name", "Ann")))
                .path("uuid").asText();
        String other = success(admin.call("create_contact", keyed("company_uuid", company, "first_name", "Bob")))
                .path("uuid").asText();
        WsClient reader = user();
        String id = success(reader.call("subscribe", obj("query", "get_contact_history",
                "data", obj("contact_uuid", watched)))).path("subscription_id").asText();

        success(admin.call("update_contact", keyed("contact_uuid", other, "title", "Not watched")));
        success(admin.call("update_contact", keyed("contact_uuid", watched, "title", "Watched")));
        JsonNode update = reader.awaitNext(m -> "subscription_update".equals(m.path("action").asText())
                && id.equals(m.path("subscription_id").asText()), "the contact history's update");

        JsonNode events = update.path("data").path("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(1).path("changes").path("title").path("new").asText()).isEqualTo("Watched");
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownMalformedAndMisplacedIdentitiesAreRefused() {
        WsClient admin = admin();
        String company = create(admin, "name", unique("Real")).path("uuid").asText();
        String contact = success(admin.call("create_contact", keyed("company_uuid", company, "first_name", "Real")))
                .path("uuid").asText();
        String unknown = UUID.randomUUID().toString();
        String now = Instant.now().plusSeconds(1).toString();

        assertError(admin.call("get_company_history", obj("company_uuid", unknown)), "not_found");
        assertError(admin.call("get_contact_history", obj("contact_uuid", unknown)), "not_found");
        assertError(companyAsOf(admin, unknown, now), "not_found");
        assertError(contactAsOf(admin, unknown, now), "not_found");
        // A contact is no company, and a company no contact.
        assertError(admin.call("get_company_history", obj("company_uuid", contact)), "not_found");
        assertError(companyAsOf(admin, contact, now), "not_found");
        assertError(admin.call("get_contact_history", obj("contact_uuid", company)), "not_found");
        assertError(contactAsOf(admin, company, now), "not_found");

        assertError(admin.call("get_company_history", obj("company_uuid", "not-a-uuid")), "validation_error");
        assertError(admin.call("get_contact_history", obj("contact_uuid", "not-a-uuid")), "validation_error");
        assertError(companyAsOf(admin, "not-a-uuid", now), "validation_error");
        assertError(contactAsOf(admin, "not-a-uuid", now), "validation_error");
        assertError(admin.call("get_company_history", obj("company_uuid", 42)), "validation_error");
        assertError(admin.call("get_company_history", obj()), "missing_field");
        assertError(admin.call("get_contact_as_of", obj("as_of", now)), "missing_field");
    }

    @Test
    void badInstantsPagesAndUnknownFieldsAreValidationErrors() {
        WsClient admin = admin();
        String company = create(admin, "name", unique("Strict")).path("uuid").asText();

        assertError(companyAsOf(admin, company, "yesterday"), "validation_error");
        assertError(companyAsOf(admin, company, "2026-13-40T10:00:00Z"), "validation_error");
        assertError(admin.call("get_company_as_of", obj("company_uuid", company, "as_of", 1_700_000_000)),
                "validation_error");
        assertError(admin.call("get_company_as_of", obj("company_uuid", company)), "missing_field");
        assertError(admin.call("get_company_history", obj("company_uuid", company, "limit", 0)), "validation_error");
        assertError(admin.call("get_company_history", obj("company_uuid", company, "limit", 10_001)), "validation_error");
        assertError(admin.call("get_company_history", obj("company_uuid", company, "limit", "5")), "validation_error");
        assertError(admin.call("get_company_history", obj("company_uuid", company, "from_sequence", -1)),
                "validation_error");
        assertError(admin.call("get_company_history", obj("company_uuid", company, "as_of", "2026-11-30T10:00:00Z")),
                "validation_error");
        assertError(admin.call("get_company_as_of", obj("company_uuid", company, "as_of", "2026-11-30T10:00:00Z",
                "limit", 5)), "validation_error");
        assertError(admin.call("get_contact_history", obj("contact_uuid", company, "company_uuid", company)),
                "validation_error");
        assertError(admin.call("get_company_history", obj("company_uuid", company, "since", 3)), "validation_error");
    }

    private static List<Long> sequences(JsonNode history) {
        List<Long> sequences = new ArrayList<>();
        history.path("events").forEach(event -> sequences.add(event.path("sequence").asLong()));
        return sequences;
    }
}

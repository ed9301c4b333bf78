package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.beacon.gateway.it.CompaniesReadModelGenerations.collections;
import static io.beacon.gateway.it.CompaniesReadModelGenerations.documents;
import static io.beacon.gateway.it.CompaniesReadModelGenerations.physical;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Projections as a product feature: {@code list_projections} and blue/green {@code replay_projection},
 * with progress on {@code system_status}. Its own application context (the replay switches the read
 * models' collections, which other scenario classes read raw), with a short replay tick and a grace
 * period long enough to compare the replaced generation with the rebuilt one.
 */
@TestPropertySource(properties = {
        "beacon.projections.replay-tick=PT0.2S",
        "beacon.projections.replay-record-every=PT0.5S",
        "beacon.projections.replay-grace=PT5M",
})
abstract class ProjectionScenarios extends BeaconScenarioSupport {

    @Autowired
    private EventStore eventStore;

    @Test
    void listProjectionsShowsEveryProcessorWithItsPositionAndLag() {
        create(admin(), "name", unique("listed"));
        JsonNode projections = success(admin().call("list_projections", obj())).path("projections");
        Map<String, JsonNode> byName = new TreeMap<>();
        projections.forEach(p -> byName.put(p.path("name").asText(), p));
        assertThat(byName).containsKeys("companies", "notifications", "uploads");
        for (String name : List.of("companies", "notifications", "uploads")) {
            JsonNode p = byName.get(name);
            assertThat(p.path("replayable").asBoolean()).as(name).isTrue();
            assertThat(p.path("status").asText()).as(name).isIn("running", "replaying");
            assertThat(p.path("position").asLong()).as(name).isBetween(0L, p.path("head").asLong());
            assertThat(p.path("lag_events").asLong()).as(name).isEqualTo(p.path("head").asLong() - p.path("position").asLong());
            assertThat(p.path("lag_seconds").isNumber()).as(name).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode companies = byName(success(admin().call("list_projections", obj())), "companies");
            assertThat(companies.path("lag_events").asLong()).isZero();
            assertThat(companies.path("lag_seconds").asDouble()).isZero();
        });
    }

    @Test
    void onlyAdminsSeeOrReplayProjections() {
        WsClient user = user();
        assertError(user.call("list_projections", obj()), "forbidden");
        assertError(user.call("replay_projection", obj("name", "companies")), "forbidden");
    }

    @Test
    void badReplayRequestsAreRefusedClearly() {
        WsClient admin = admin();
        assertError(admin.call("replay_projection", obj("name", "no_such_projection")), "not_found");
        assertError(admin.call("replay_projection", obj("name", obj("$ne", "x"))), "validation_error");
        assertError(admin.call("replay_projection", obj("name", "Companies; drop")), "validation_error");
        assertError(admin.call("replay_projection", obj()), "missing_field");
        assertError(admin.call("replay_projection", obj("name", "companies", "extra", 1)), "validation_error");
        assertError(admin.call("list_projections", obj("extra", 1)), "validation_error");
    }

    /**
     * A small read model replayed end to end: a live list_projections follows it to the new generation, and
     * the notifications read model answers as before.
     */
    @Test
    void aLiveListOfProjectionsFollowsAReplayOfTheNotifications() {
        WsClient admin = admin();
        String message = unique("before-replay");
        success(admin.call("publish_notification", obj("level", "info", "message", message, "action_required", false)));
        JsonNode inboxBefore = success(admin.call("list_notifications", obj()));
        JsonNode subscribed = success(admin.call("subscribe", obj("query", "list_projections", "data", obj())));
        int generation = byName(subscribed.path("initial"), "notifications").path("generation").asInt();
        String subscription = subscribed.path("subscription_id").asText();

        JsonNode started = success(admin.call("replay_projection", obj("name", "notifications")));
        assertThat(started.path("generation").asInt()).isEqualTo(generation + 1);
        JsonNode update = admin.awaitNext(m -> "subscription_update".equals(m.path("action").asText())
                && subscription.equals(m.path("subscription_id").asText())
                && byName(m.path("data"), "notifications").path("generation").asInt() == generation + 1,
                "list_projections update showing the new generation");
        JsonNode notifications = byName(update.path("data"), "notifications");
        assertThat(notifications.path("replay").path("status").asText()).isEqualTo("completed");
        assertThat(notifications.path("replay").path("replay_id").asText()).isEqualTo(started.path("replay_id").asText());
        assertThat(success(admin.call("list_notifications", obj()))).isEqualTo(inboxBefore);
        // The rebuilt read model is the live one: a notification published now is listed.
        String after = unique("after-replay");
        success(admin.call("publish_notification", obj("level", "info", "message", after, "action_required", false)));
        assertThat(success(admin.call("list_notifications", obj())).path("results").findValuesAsText("message"))
                .contains(message, after);
        assertError(user().call("subscribe", obj("query", "list_projections", "data", obj())), "forbidden");
    }

    /**
     * 100,000 events (companies created, updated, deleted; contacts created and updated) appended
     * straight to the event store, projected live; then a replay rebuilds the companies read model while a
     * reader keeps asking. Every read during the replay answers the full model; the rebuilt generation
     * equals the replaced one document for document; progress is pushed on system_status; a contact erased
     * before the replay stays erased in the rebuilt model.
     */
    @Test
    void replayRebuildsAnEqualReadModelWhileReadsKeepAnswering() throws Exception {
        String tag = unique("bulk");
        WsClient setup = admin();
        // A contact whose personal data is erased before the replay: the replay reads its events with the key gone.
        String erasedCompany = create(setup, "name", unique("erasure")).path("uuid").asText();
        String erased = success(setup.call("create_contact", keyed("company_uuid", erasedCompany,
                "first_name", "Erika", "last_name", "Erased", "email", tag + "@erased.example", "title", "Buyer")))
                .path("uuid").asText();
        success(setup.call("update_contact", keyed("contact_uuid", erased, "mobile_phone", "+1 555 0100")));
        success(setup.call("erase_contact_personal_data", keyed("contact_uuid", erased)));
        JsonNode erasedBefore = contact(setup, erasedCompany, erased);
        assertThat(erasedBefore.path("personal_data_erased").asBoolean()).isTrue();
        assertThat(erasedBefore.path("email").isNull()).isTrue();
        int companies = Integer.getInteger("beacon.test.replay-companies", 18_000);
        long t0 = System.nanoTime();
        long events = appendHistory(tag, companies);
        long t1 = System.nanoTime();
        assertThat(events).isGreaterThanOrEqualTo(companies * 5L);
        // Connected after the append, which takes longer than an idle connection is kept.
        WsClient admin = admin();
        JsonNode before = byName(success(admin.call("list_projections", obj())), "companies");
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(
                () -> byName(success(admin.call("list_projections", obj())), "companies").path("lag_events").asLong() == 0);
        long t2 = System.nanoTime();
        int generation = byName(success(admin.call("list_projections", obj())), "companies").path("generation").asInt();
        long liveCount = success(admin.call("count_companies", obj())).path("count").asLong();
        List<String> sample = sampleUuids(tag);
        Map<String, JsonNode> expected = new TreeMap<>();
        for (String uuid : sample) {
            expected.put(uuid, success(admin.call("get_company", obj("company_uuid", uuid))));
        }
        assertThat(before.path("replayable").asBoolean()).isTrue();

        ChannelClient status = channel(adminLogin().path("access_token").asText());
        status.subscribe("system_status");
        AtomicBoolean replaying = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> badRead = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            WsClient client = user();
            int i = 0;
            while (replaying.get() && badRead.get() == null) {
                long count = success(client.call("count_companies", obj())).path("count").asLong();
                if (count != liveCount) {
                    badRead.set("count_companies answered " + count + " of " + liveCount);
                }
                String uuid = sample.get(i++ % sample.size());
                JsonNode company = success(client.call("get_company", obj("company_uuid", uuid)));
                if (!company.equals(expected.get(uuid))) {
                    badRead.set("get_company " + uuid + " answered " + company + ", not " + expected.get(uuid));
                }
                reads.incrementAndGet();
            }
        }, "reader-during-replay");
        reader.start();

        JsonNode started = success(admin.call("replay_projection", obj("name", "companies")));
        assertThat(started.path("projection").asText()).isEqualTo("companies");
        assertThat(started.path("generation").asInt()).isEqualTo(generation + 1);
        assertThat(started.path("status").asText()).isEqualTo("building");
        assertError(admin.call("replay_projection", obj("name", "companies")), "conflict");

        JsonNode progress = awaitPush(status, e -> e.path("type").asText().equals("replay_progress")
                && e.path("data").path("events_per_second").asDouble() > 0, "replay progress with a rate");
        assertThat(progress.path("data").path("projection").asText()).isEqualTo("companies");
        assertThat(progress.path("data").path("eta_seconds").isIntegralNumber()).isTrue();
        assertThat(progress.path("data").path("status").asText()).isEqualTo("building");
        assertThat(progress.path("data").path("events_total").asLong()).isGreaterThanOrEqualTo(events);
        JsonNode done = awaitPush(status, e -> e.path("type").asText().equals("status_update")
                && e.path("data").path("status").asText().equals("completed"), "replay completed");
        assertThat(done.path("data").path("entity_id").asText()).isEqualTo("companies");
        long t3 = System.nanoTime();
        System.out.printf("REPLAY-TIMING events=%d append=%.1fs live=%.1fs replay=%.1fs%n", events, (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        replaying.set(false);
        reader.join(30_000);
        assertThat(badRead.get()).isNull();
        assertThat(reads.get()).isPositive();
        // A new connection: the first one sat idle through the replay, longer than an idle connection is kept.
        WsClient fresh = admin();

        JsonNode after = byName(success(fresh.call("list_projections", obj())), "companies");
        assertThat(after.path("generation").asInt()).isEqualTo(generation + 1);
        assertThat(after.path("replay").path("status").asText()).isEqualTo("completed");
        MongoDatabase db = storeClient.getDatabase("beacon");
        List<String> readModel = collections(db, generation);
        assertThat(readModel).contains("companies", "contacts", "contact_companies", "company_values_ledger",
                "company_values_industry");
        assertThat(collections(db, generation + 1)).containsExactlyInAnyOrderElementsOf(readModel);
        for (String collection : readModel) {
            assertThat(documents(db, physical(collection, generation + 1)))
                    .as(collection).isEqualTo(documents(db, physical(collection, generation)));
        }
        assertThat(documents(db, physical("companies", generation + 1))).hasSizeGreaterThanOrEqualTo(companies);
        assertThat(success(fresh.call("count_companies", obj())).path("count").asLong()).isEqualTo(liveCount);
        for (String uuid : sample) {
            assertThat(success(fresh.call("get_company", obj("company_uuid", uuid)))).isEqualTo(expected.get(uuid));
        }
        // The erasure holds in the rebuilt model: the values read from the events are gone with the key.
        JsonNode erasedAfter = contact(fresh, erasedCompany, erased);
        assertThat(erasedAfter).isEqualTo(erasedBefore);
        for (String field : List.of("first_name", "last_name", "email", "mobile_phone")) {
            assertThat(erasedAfter.path(field).isNull()).as(field).isTrue();
        }
        assertThat(erasedAfter.path("title").asText()).isEqualTo("Buyer");
        // The live processor goes on in the new generation: a write afterwards is read back at once.
        String name = unique("after-replay");
        JsonNode created = create(fresh, "name", name, "industries", List.of("Replayed"));
        assertThat(success(fresh.call("get_company", obj("company_uuid", created.path("uuid").asText())))
                .path("name").asText()).isEqualTo(name);
        assertThat(db.getCollection(physical("companies", generation + 1))
                .countDocuments(new Document("_id", created.path("uuid").asText()))).isEqualTo(1);
    }

    /** The next push on system_status that {@code condition} accepts, waiting as long as a replay may take. */
    private static JsonNode awaitPush(ChannelClient client, java.util.function.Predicate<JsonNode> condition,
                                      String description) {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            try {
                return client.nextEvent("system_status", condition, description);
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static JsonNode contact(WsClient client, String company, String uuid) {
        JsonNode page = success(client.call("list_company_contacts", obj("company_uuid", company, "limit", 1000)));
        for (JsonNode contact : page.path("results")) {
            if (uuid.equals(contact.path("uuid").asText())) {
                return contact;
            }
        }
        throw new AssertionError("contact " + uuid + " not listed in " + page);
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode p : list.path("projections")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no projection " + name + " in " + list);
    }

    private List<String> sampleUuids(String tag) {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 2_000; i += 97) {
            if (i % 10 != 9) {
                uuids.add(BulkHistory.companyId(tag, i).value());
            }
        }
        return uuids;
    }

    /**
     * Appends a history straight to the event store, as the aggregates would have: per company a creation
     * and four updates, every tenth company deleted, and a contact for every fourth company, created and
     * updated. Answers the number of events.
     */
    private long appendHistory(String tag, int companies) {
        BulkHistory history = new BulkHistory(eventStore, tag);
        Set<Long> numbers = new HashSet<>();
        for (int i = 0; i < companies; i++) {
            long number = 50_000_000L + (Math.abs((long) tag.hashCode()) % 1000) * 100_000 + i;
            numbers.add(number);
            long sequence = history.companyLife(i, number);
            if (i % 10 == 9) {
                history.companyDeleted(i, sequence);
            }
            if (i % 4 == 0) {
                history.contactLife(i, number);
            }
        }
        assertThat(numbers).hasSize(companies);
        return history.flush();
    }
}

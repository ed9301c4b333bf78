package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.StoredEventDocuments.events;
import static io.beacon.gateway.it.StoredEventDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Company events stored before company events had a revision (the id named {@code companyId}), already
 * in the store when this Beacon reads them: the read model gets them, the aggregate loads from them,
 * a replay rebuilds the same model from them, and a snapshot from before is not trusted. The store is
 * chosen by the subclass.
 */
abstract class UpcastingScenarios extends BeaconScenarioSupport {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TokenStore tokenStore;

    @Test
    void oldCompanyEventsAreProjectedLoadedAndReplayed() {
        WsClient admin = admin();
        OldCompanyEvents old = new OldCompanyEvents(storeClient);
        String tag = unique("old");
        String uuid = UUID.randomUUID().toString();
        long number = old.nextCompanyNumber();
        old.append(uuid, 0, OldCompanyEvents.CREATED, oldCreated(uuid, number, tag + " Acme"));
        old.append(uuid, 1, OldCompanyEvents.UPDATED, obj("companyId", uuid, "changes", obj(
                "employees_count", obj("old", 250, "new", 260),
                "metadata.phone_number", obj("old", "+1-415-555-0100", "new", "+1-415-555-0199"))));

        JsonNode projected = awaitVersion(admin, uuid, 2);

        assertThat(projected.path("id").asLong()).isEqualTo(number);
        assertThat(projected.path("name").asText()).isEqualTo(tag + " Acme");
        assertThat(projected.path("employees_count").asLong()).isEqualTo(260);
        assertThat(projected.path("annual_revenue").asLong()).isEqualTo(50_000_000L);
        assertThat(projected.path("total_funding").isNull()).isTrue();
        assertThat(texts(projected.path("industries"))).containsExactly("Technology", "Software");
        assertThat(texts(projected.path("keywords"))).containsExactly("saas", "b2b");
        assertThat(texts(projected.path("technologies"))).isEmpty();
        assertThat(projected.path("address").asText()).isEqualTo("123 Main St");
        assertThat(projected.path("text_search").isNull()).isTrue();
        JsonNode metadata = projected.path("metadata");
        assertThat(metadata.path("city").asText()).isEqualTo("San Francisco");
        assertThat(metadata.path("country").asText()).isEqualTo("United States");
        assertThat(metadata.path("phone_number").asText()).isEqualTo("+1-415-555-0199");
        assertThat(metadata.path("linkedin_url").asText()).isEqualTo("https://www.linkedin.com/company/acme");
        assertThat(metadata.path("facebook_url").isNull()).isTrue();

        // The aggregate loads from the old events: its version and its values are theirs.
        JsonNode updated = success(admin.call("update_company", keyed("company_uuid", uuid, "expected_version", 2,
                "name", tag + " Acme Corp", "employees_count", 270)));
        assertThat(updated.path("version").asLong()).isEqualTo(3);
        assertThat(updated.path("employees_count").asLong()).isEqualTo(270);
        assertThat(updated.path("metadata").path("phone_number").asText()).isEqualTo("+1-415-555-0199");
        List<Document> stored = events(storeClient, uuid);
        assertThat(stored).hasSize(3);
        assertThat(stored.get(2).getString("pr")).isEqualTo("2");
        JsonNode payload = parse(stored.get(2).get("p"));
        assertThat(payload.path("company_id").asText()).isEqualTo(uuid);
        assertThat(payload.path("changes").path("employees_count").path("old").asLong()).isEqualTo(260);
        assertThat(payload.path("changes").path("name").path("old").asText()).isEqualTo(tag + " Acme");
        JsonNode unchanged = success(admin.call("update_company", keyed("company_uuid", uuid,
                "address", "123 Main St", "industries", arr("Technology", "Software"))));
        assertThat(unchanged.path("version").asLong()).as("the old values are the aggregate's: no change").isEqualTo(3);

        MongoCollection<Document> companies = storeClient.getDatabase("beacon").getCollection("companies");
        List<Document> before = readModel(companies);
        companies.deleteOne(Filters.eq("_id", uuid));
        replayCompanies();

        assertThat(readModel(companies)).isEqualTo(before);
        JsonNode replayed = success(admin.call("get_company", obj("company_uuid", uuid)));
        assertThat(replayed.path("name").asText()).isEqualTo(tag + " Acme Corp");
        assertThat(replayed.path("metadata").path("website").asText()).isEqualTo("https://acme.example");
    }

    @Test
    void aSnapshotFromBeforeIsIgnoredAndTheCompanyRebuiltFromItsEvents() {
        WsClient admin = admin();
        OldCompanyEvents old = new OldCompanyEvents(storeClient);
        String tag = unique("snap");
        // Enough writes for a snapshot of today's revision: the store then holds snapshots and reads them.
        String current = create(admin, "name", tag + " current").path("uuid").asText();
        for (int i = 1; i <= 100; i++) {
            success(admin.call("update_company", keyed("company_uuid", current, "employees_count", i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> old.storedSnapshot(current) != null);
        Document snapshot = old.storedSnapshot(current).get("ev", Document.class);
        assertThat(snapshot.getString("pt")).isEqualTo(OldCompanyEvents.SNAPSHOT);
        assertThat(snapshot.getString("pr")).isEqualTo("2");

        String uuid = UUID.randomUUID().toString();
        old.append(uuid, 0, OldCompanyEvents.CREATED, oldCreated(uuid, old.nextCompanyNumber(), tag + " Acme"));
        old.append(uuid, 1, OldCompanyEvents.UPDATED, obj("companyId", uuid, "changes", obj(
                "name", obj("old", tag + " Acme", "new", tag + " Acme Two"))));
        // A snapshot as stored before (no revision) that disagrees with the events: were it used, the
        // company would be deleted, at version 9, with another name.
        old.snapshot(uuid, 1, obj("companyId", uuid,
                "fields", obj("name", "stale", "employees_count", 1, "industries", arr(), "keywords", arr(),
                        "technologies", arr(), "metadata", obj()),
                "version", 9, "deleted", true));
        awaitVersion(admin, uuid, 2);

        JsonNode updated = success(admin.call("update_company", keyed("company_uuid", uuid, "expected_version", 2,
                "name", tag + " Acme Three")));

        assertThat(updated.path("version").asLong()).isEqualTo(3);
        assertThat(updated.path("name").asText()).isEqualTo(tag + " Acme Three");
        assertThat(updated.path("employees_count").asLong()).isEqualTo(250);
        JsonNode change = parse(events(storeClient, uuid).get(2).get("p")).path("changes");
        assertThat(change.path("name").path("old").asText()).isEqualTo(tag + " Acme Two");
        JsonNode stillCurrent = success(admin.call("update_company", keyed("company_uuid", current,
                "expected_version", 101, "employees_count", 101)));
        assertThat(stillCurrent.path("version").asLong()).as("today's snapshot still loads").isEqualTo(102);
    }

    /** A CompanyCreated payload as the revision-null class wrote it (nulls and empty lists written out). */
    private static Map<String, Object> oldCreated(String uuid, long number, String name) {
        return obj("companyId", uuid, "number", number, "fields", obj(
                "name", name, "employees_count", 250, "annual_revenue", 50_000_000L, "total_funding", null,
                "industries", arr("Technology", "Software"), "keywords", arr("saas", "b2b"), "technologies", arr(),
                "address", "123 Main St", "text_search", null,
                "metadata", obj("city", "San Francisco", "state", "CA", "country", "United States",
                        "phone_number", "+1-415-555-0100", "website", "https://acme.example",
                        "linkedin_url", "https://www.linkedin.com/company/acme", "facebook_url", null,
                        "twitter_url", null)));
    }

    /** The company once the read model has its event {@code version}. */
    private static JsonNode awaitVersion(WsClient admin, String uuid, long version) {
        AtomicReference<JsonNode> company = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode answer = admin.call("get_company", obj("company_uuid", uuid));
            company.set(answer.path("data"));
            return "success".equals(answer.path("status").asText()) && answer.path("data").path("version").asLong() == version;
        });
        return company.get();
    }

    /** Resets the companies processor to the start of the store, as ReplayScenarios does, and waits for the head. */
    private void replayCompanies() {
        TrackingToken head = eventStore.createHeadToken();
        TrackingEventProcessor processor = processing.eventProcessor("companies", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                () -> !processor.isReplaying() && caughtUpTo(head));
    }

    private boolean caughtUpTo(TrackingToken head) {
        TrackingToken token = tokenStore.fetchToken("companies", 0);
        long position = token == null ? 0 : token.position().orElse(0);
        return position >= ((GlobalSequenceTrackingToken) head).getGlobalIndex();
    }

    private static List<Document> readModel(MongoCollection<Document> companies) {
        return companies.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}

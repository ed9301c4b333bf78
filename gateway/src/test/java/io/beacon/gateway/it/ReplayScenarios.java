package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
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

import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replaying history into a projection: the companies processor is reset to the start of the event
 * store and rebuilds its read model from the events alone. The store is chosen by the subclass.
 */
abstract class ReplayScenarios extends BeaconScenarioSupport {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TokenStore tokenStore;

    @Test
    void resettingTheCompaniesProcessorRebuildsTheSameReadModel() {
        WsClient admin = admin();
        String tag = unique("replay");
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            uuids.add(create(admin, "name", tag + "-" + i, "employees_count", i, "metadata", obj("city", "City " + i))
                    .path("uuid").asText());
        }
        for (int i = 0; i < 40; i += 3) {
            success(admin.call("update_company", keyed("company_uuid", uuids.get(i), "employees_count", 1000 + i,
                    "name", tag + "-renamed-" + i)));
        }
        for (int i = 1; i < 40; i += 7) {
            success(admin.call("delete_company", keyed("company_uuid", uuids.get(i))));
        }
        MongoCollection<Document> companies = storeClient.getDatabase("beacon").getCollection("companies");
        List<Document> before = readModel(companies);
        TrackingToken head = eventStore.createHeadToken();
        // Damage the read model: only a replay from the events, not the documents left in place, repairs it.
        companies.updateOne(Filters.eq("_id", uuids.get(0)), Updates.set("name", "damaged"));
        companies.deleteOne(Filters.eq("_id", uuids.get(2)));

        TrackingEventProcessor processor = processing.eventProcessor("companies", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                () -> !processor.isReplaying() && caughtUpTo(head));
        assertThat(readModel(companies)).isEqualTo(before);
        JsonNode renamed = success(admin.call("get_company", obj("company_uuid", uuids.get(3))));
        assertThat(renamed.path("name").asText()).isEqualTo(tag + "-renamed-3");
        assertError(admin.call("get_company", obj("company_uuid", uuids.get(1))), "not_found");
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

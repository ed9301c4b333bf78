package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.gateway.BeaconApplication;
import io.beacon.readmodel.ProjectionDefinition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 8, item 2: a projection newly added to the code base builds itself from history on first start.
 * Beacon runs on a fresh data directory and takes a small history (companies created, renamed, deleted;
 * contacts, one of them deleted by the company-deletion cascade), then stops. It starts again on the same
 * directory with one more read model, {@code company_names}, that exists only here: its processor has no
 * token, so it starts from the store's first event and builds the whole history, while the processors that
 * were there carry on from their tokens and rebuild nothing.
 *
 * <p>The extra read model is handed to the second start as a source; its classes carry no stereotype
 * ({@code @Configuration}, {@code @Component}), since Beacon scans all of {@code io.beacon}, test classes
 * included, and every other test would otherwise get it too.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NewProjectionTest {

    static final String COMPANY_NAMES = "company_names";
    private static final String WRITE_KEY = "wk-new-projection-4c8e1f2a";
    private static final String ADMIN_EMAIL = "admin@new-projection.beacon.test";
    private static final String ADMIN_PASSWORD = "admin-password-new-projection";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aProjectionAddedToTheCodeBaseBuildsItselfFromTheWholeHistoryWhileTheOthersKeepTheirPositions() {
        Path dataDir = TempDirs.create("beacon-new-projection");
        Map<String, Document> expected = new TreeMap<>();
        long companiesPosition;
        try (ConfigurableApplicationContext app = start(dataDir); WsClient ws = connect(app)) {
            JsonNode acme = create(ws, "name", "Acme Original", "employees_count", 10);
            String acmeUuid = acme.path("uuid").asText();
            success(ws.call("update_company", keyed("company_uuid", acmeUuid, "name", "Acme Renamed")));
            success(ws.call("update_company", keyed("company_uuid", acmeUuid, "employees_count", 11)));
            JsonNode acmeContact = contact(ws, acmeUuid, "Ada");
            String globexUuid = create(ws, "name", "Globex Kept").path("uuid").asText();
            String initechUuid = create(ws, "name", "Initech Original").path("uuid").asText();
            success(ws.call("update_company", keyed("company_uuid", initechUuid, "name", "Initech Renamed")));
            contact(ws, initechUuid, "Bob");
            success(ws.call("delete_company", keyed("company_uuid", initechUuid)));

            expected.put(acmeUuid, company(acmeUuid, "Acme Renamed", false, acmeContact.path("uuid").asText()));
            expected.put(globexUuid, company(globexUuid, "Globex Kept", false));
            // Bob was deleted by the cascade of Initech's deletion: a ContactDeleted in the history too.
            expected.put(initechUuid, company(initechUuid, "Initech Renamed", true));

            // Every processor (the contact cascade included) has handled the whole history before the stop.
            await().atMost(WAIT).untilAsserted(() -> assertThat(projections(ws).values())
                    .allSatisfy(p -> assertThat(p.path("lag_events").asLong()).as(p.toString()).isZero()));
            Map<String, JsonNode> before = projections(ws);
            assertThat(before).containsKeys("companies", "contact-cascade").doesNotContainKey(COMPANY_NAMES);
            companiesPosition = before.get("companies").path("position").asLong();
            assertThat(companiesPosition).isPositive();
        }

        try (ConfigurableApplicationContext app = start(dataDir, CompanyNamesReadModel.class,
                "--beacon.projections.replay-tick=PT0.2S", "--beacon.projections.replay-record-every=PT0.5S");
             WsClient ws = connect(app)) {
            MongoOperations mongo = app.getBean(MongoOperations.class);
            CompaniesWatcher watcher = app.getBean(CompaniesWatcher.class);

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode names = projections(ws).get(COMPANY_NAMES);
                assertThat(names).as("company_names in list_projections").isNotNull();
                assertThat(names.path("lag_events").asLong()).as(names.toString()).isZero();
                assertThat(names.path("position").asLong()).as(names.toString()).isGreaterThanOrEqualTo(companiesPosition);
            });
            assertThat(documents(mongo)).isEqualTo(expected);

            Map<String, JsonNode> after = projections(ws);
            JsonNode names = after.get(COMPANY_NAMES);
            assertThat(names.path("replayable").asBoolean()).as(names.toString()).isTrue();
            assertThat(names.path("status").asText()).as(names.toString()).isEqualTo("running");
            assertThat(names.path("generation").asInt()).as(names.toString()).isZero();
            assertThat(names.path("replay").isNull()).as(names.toString()).isTrue();
            // The read models that were there kept their tokens: nothing was replayed into them.
            JsonNode companies = after.get("companies");
            assertThat(companies.path("position").asLong()).as(companies.toString()).isGreaterThanOrEqualTo(companiesPosition);
            assertThat(companies.path("generation").asInt()).as(companies.toString()).isZero();
            assertThat(companies.path("replay").isNull()).as(companies.toString()).isTrue();

            // The new read model follows the live events too.
            String hooliUuid = create(ws, "name", "Hooli After Restart").path("uuid").asText();
            expected.put(hooliUuid, company(hooliUuid, "Hooli After Restart", false));
            await().atMost(WAIT).untilAsserted(() -> assertThat(documents(mongo)).isEqualTo(expected));
            // The companies processor went on after its token: the only events it handled in this run are
            // the new company's, after the position it had before the stop.
            await().atMost(WAIT).until(() -> !watcher.positions.isEmpty());
            assertThat(watcher.positions).allSatisfy(position -> assertThat(position).isGreaterThan(companiesPosition));

            // Being in the catalogue, the new read model can be rebuilt blue/green like the others.
            JsonNode started = success(ws.call("replay_projection", obj("name", COMPANY_NAMES)));
            assertThat(started.path("projection").asText()).isEqualTo(COMPANY_NAMES);
            assertThat(started.path("generation").asInt()).isEqualTo(1);
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode replayed = projections(ws).get(COMPANY_NAMES);
                assertThat(replayed.path("replay").path("status").asText()).as(replayed.toString()).isEqualTo("completed");
                assertThat(replayed.path("generation").asInt()).as(replayed.toString()).isEqualTo(1);
            });
            assertThat(documents(mongo)).isEqualTo(expected);
        }
    }

    /** One document per company: its current name, whether it is deleted, and its contacts not deleted. */
    private static Document company(String uuid, String name, boolean deleted, String... contacts) {
        return new Document("_id", uuid).append("name", name).append("deleted", deleted)
                .append("contacts", List.of(contacts));
    }

    private static Map<String, Document> documents(MongoOperations mongo) {
        Map<String, Document> documents = new TreeMap<>();
        for (Document document : mongo.findAll(Document.class, COMPANY_NAMES)) {
            documents.put(document.getString("_id"), document);
        }
        return documents;
    }

    private static Map<String, JsonNode> projections(WsClient ws) {
        Map<String, JsonNode> byName = new TreeMap<>();
        success(ws.call("list_projections", obj())).path("projections")
                .forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    private static ConfigurableApplicationContext start(Path dataDir, Object... extraSourcesThenArgs) {
        List<Class<?>> sources = new ArrayList<>(List.of(BeaconApplication.class));
        // Command-line arguments, because they outrank application.yml (default properties do not).
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--beacon.mongodb-uri=",
                "--beacon.data-dir=" + dataDir,
                "--beacon.embedded-mongo-port=0",
                "--beacon.write-key=" + WRITE_KEY,
                "--beacon.auth.jwt-secret=",
                "--beacon.auth.admin-email=" + ADMIN_EMAIL,
                "--beacon.auth.admin-password=" + ADMIN_PASSWORD));
        for (Object extra : extraSourcesThenArgs) {
            if (extra instanceof Class<?> source) {
                sources.add(source);
            } else {
                args.add((String) extra);
            }
        }
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
    }

    private static WsClient connect(ConfigurableApplicationContext app) {
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        String token = new BeaconRest(port).login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
        return WsClient.connect(port, token);
    }

    private static Map<String, Object> keyed(Object... keysAndValues) {
        return with(obj("write_key", WRITE_KEY), keysAndValues);
    }

    private static JsonNode create(WsClient ws, Object... keysAndValues) {
        return success(ws.call("create_company", keyed(keysAndValues)));
    }

    private static JsonNode contact(WsClient ws, String companyUuid, String firstName) {
        return success(ws.call("create_contact", keyed("company_uuid", companyUuid, "first_name", firstName,
                "last_name", "Contact")));
    }

    /**
     * The read model added "to the code base" for the second start: its projection (a processing group of its
     * own, so a processor that has never run) and its definition, which puts it in the replay catalogue.
     * Lite configuration on purpose: see the class comment.
     */
    static class CompanyNamesReadModel {

        @Bean
        CompanyNamesProjection companyNamesProjection(MongoOperations mongo) {
            return new CompanyNamesProjection(mongo);
        }

        @Bean
        ProjectionDefinition companyNamesDefinition() {
            return new ProjectionDefinition(COMPANY_NAMES, Set.of(COMPANY_NAMES), Set.of(),
                    (mongo, emitter) -> List.of(new CompanyNamesProjection(mongo)), mongo -> { });
        }

        @Bean
        CompaniesWatcher companiesWatcher() {
            return new CompaniesWatcher();
        }
    }

    /** {@code company_names}: per company its current name, a deleted flag and the uuids of its live contacts. */
    @ProcessingGroup(COMPANY_NAMES)
    static class CompanyNamesProjection {

        private final MongoOperations mongo;

        CompanyNamesProjection(MongoOperations mongo) {
            this.mongo = mongo;
        }

        @EventHandler
        void on(CompanyCreated event) {
            mongo.upsert(byId(event.companyId().value()), new Update().set("name", event.fields().name())
                    .set("deleted", false).setOnInsert("contacts", List.of()), COMPANY_NAMES);
        }

        @EventHandler
        void on(CompanyUpdated event) {
            FieldChange name = event.changes().get("name");
            if (name != null) {
                mongo.updateFirst(byId(event.companyId().value()), new Update().set("name", name.newValue()), COMPANY_NAMES);
            }
        }

        @EventHandler
        void on(CompanyDeleted event) {
            mongo.updateFirst(byId(event.companyId().value()), new Update().set("deleted", true), COMPANY_NAMES);
        }

        @EventHandler
        void on(ContactCreated event) {
            mongo.updateFirst(byId(event.companyId().value()),
                    new Update().addToSet("contacts", event.contactId().value()), COMPANY_NAMES);
        }

        @EventHandler
        void on(ContactDeleted event) {
            mongo.updateFirst(byId(event.companyId().value()),
                    new Update().pull("contacts", event.contactId().value()), COMPANY_NAMES);
        }

        private static Query byId(String id) {
            return new Query(Criteria.where("_id").is(id));
        }
    }

    /** In the existing {@code companies} group: the positions of the events its processor handles. */
    @ProcessingGroup("companies")
    static class CompaniesWatcher {

        final List<Long> positions = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(Object event, TrackingToken token) {
            positions.add(token.position().orElse(-1));
        }
    }
}

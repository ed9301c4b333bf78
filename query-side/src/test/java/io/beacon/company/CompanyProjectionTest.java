package io.beacon.company;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.FindCompany;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompanyProjectionTest {

    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00.123456789Z");
    private static final Instant UPDATED = Instant.parse("2024-01-15T10:30:00Z");
    private static final Instant LATER = Instant.parse("2024-02-01T08:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo(template -> new CompanyIndexes(template).ensure());
    private final MongoTemplate template = mongo.template();
    private final EmittedViews emitted = new EmittedViews();
    private final CompanyProjection projection = new CompanyProjection(template, emitted.emitter());
    private final CompanyQueryHandler queries = new CompanyQueryHandler(template);

    private final CompanyId acme = CompanyId.random();
    private final CompanyCreated acmeCreated = new CompanyCreated(acme, 1, new CompanyFields("Acme Corporation",
            250L, 50_000_000L, null, List.of("Technology", "Software"), List.of("SaaS"), List.of("AWS"),
            "123 Main St", "San Francisco CA", new CompanyMetadata("San Francisco", "CA", "United States",
            "+1-415-555-0100", "https://acme.com", null, null, null)));

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void creationStoresApiFieldNamesLowerCaseShadowsAndVersionOne() {
        projection.on(acmeCreated, 0, CREATED);

        Document stored = raw(acme);
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "number", "name", "employees_count",
                "annual_revenue", "total_funding", "industries", "keywords", "technologies", "address", "text_search",
                "metadata", "industries_lc", "keywords_lc", "technologies_lc", "version", "created_at", "updated_at",
                "deleted");
        assertThat(stored.get("metadata", Document.class).keySet()).containsExactly("city", "state", "country",
                "phone_number", "website", "linkedin_url", "facebook_url", "twitter_url");
        assertThat(stored.getLong("number")).isEqualTo(1L);
        assertThat(stored.getString("name")).isEqualTo("Acme Corporation");
        assertThat(stored.getLong("employees_count")).isEqualTo(250L);
        assertThat(stored.get("total_funding")).isNull();
        assertThat(stored.getList("industries", String.class)).containsExactly("Technology", "Software");
        assertThat(stored.getList("industries_lc", String.class)).containsExactly("technology", "software");
        assertThat(stored.getList("keywords_lc", String.class)).containsExactly("saas");
        assertThat(stored.getList("technologies_lc", String.class)).containsExactly("aws");
        assertThat(stored.get("metadata", Document.class).getString("city")).isEqualTo("San Francisco");
        assertThat(stored.getString("text_search")).isEqualTo("San Francisco CA");
        assertThat(stored.getLong("version")).isEqualTo(1L);
        assertThat(stored.getDate("created_at")).isEqualTo(Date.from(Instant.parse("2024-01-01T00:00:00.123Z")));
        assertThat(stored.getDate("updated_at")).isEqualTo(stored.getDate("created_at"));
        assertThat(stored.getBoolean("deleted")).isFalse();
    }

    @Test
    void creationEmitsTheNewViewToThatCompanysSubscribersOnly() {
        CompanyId other = CompanyId.random();
        List<CompanyView> acmeViews = emitted.subscribe(acme);
        List<CompanyView> otherViews = emitted.subscribe(other);

        projection.on(acmeCreated, 0, CREATED);

        assertThat(acmeViews).singleElement().satisfies(view -> {
            assertThat(view.uuid()).isEqualTo(acme.value());
            assertThat(view.id()).isEqualTo(1L);
            assertThat(view.version()).isEqualTo(1L);
            assertThat(view.metadata().website()).isEqualTo("https://acme.com");
            assertThat(view.deleted()).isFalse();
        });
        assertThat(otherViews).isEmpty();
        assertThat(acmeViews.get(0)).isEqualTo(queries.handle(new FindCompany(acme)));
    }

    @Test
    void redeliveredCreationChangesNothingAndEmitsNothing() {
        List<CompanyView> views = emitted.subscribe(acme);
        projection.on(acmeCreated, 0, CREATED);
        Document before = raw(acme);

        projection.on(acmeCreated, 0, LATER);

        assertThat(raw(acme)).isEqualTo(before);
        assertThat(template.count(new Query(), CompanyDocuments.COLLECTION)).isEqualTo(1);
        assertThat(views).hasSize(1);
    }

    @Test
    void creationReusingAnotherCompanysNumberFailsLoudly() {
        projection.on(acmeCreated, 0, CREATED);
        CompanyCreated clash = new CompanyCreated(CompanyId.random(), 1, CompanyFields.EMPTY);

        assertThatThrownBy(() -> projection.on(clash, 0, CREATED)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void updateSetsOnlyTheChangedPathsAndBumpsVersionAndUpdatedAt() {
        projection.on(acmeCreated, 0, CREATED);
        List<CompanyView> views = emitted.subscribe(acme);

        // Integer and ArrayList are what a JSON round trip of the event yields.
        projection.on(new CompanyUpdated(acme, Map.of(
                "name", new FieldChange("Acme Corporation", "Acme Corp"),
                "employees_count", new FieldChange(250, 300),
                "metadata.city", new FieldChange("San Francisco", "Oakland"),
                "keywords", new FieldChange(List.of("SaaS"), new ArrayList<>(List.of("Cloud", "AI"))))), 1, UPDATED);

        CompanyView view = queries.handle(new FindCompany(acme));
        assertThat(view.name()).isEqualTo("Acme Corp");
        assertThat(view.employeesCount()).isEqualTo(300L);
        assertThat(view.keywords()).containsExactly("Cloud", "AI");
        assertThat(view.metadata().city()).isEqualTo("Oakland");
        assertThat(view.metadata().state()).isEqualTo("CA");
        assertThat(view.annualRevenue()).isEqualTo(50_000_000L);
        assertThat(view.industries()).containsExactly("Technology", "Software");
        assertThat(view.version()).isEqualTo(2L);
        assertThat(view.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123Z"));
        assertThat(view.updatedAt()).isEqualTo(UPDATED);
        assertThat(raw(acme).getList("keywords_lc", String.class)).containsExactly("cloud", "ai");
        assertThat(views).containsExactly(view);
    }

    @Test
    void updateToNullClearsTextAndEmptiesLists() {
        projection.on(acmeCreated, 0, CREATED);

        projection.on(new CompanyUpdated(acme, Map.of(
                "address", new FieldChange("123 Main St", null),
                "industries", new FieldChange(List.of("Technology", "Software"), null))), 1, UPDATED);

        CompanyView view = queries.handle(new FindCompany(acme));
        assertThat(view.address()).isNull();
        assertThat(view.industries()).isEmpty();
        assertThat(raw(acme).getList("industries_lc", String.class)).isEmpty();
    }

    @Test
    void redeliveredUpdateAfterALaterOneChangesNothing() {
        projection.on(acmeCreated, 0, CREATED);
        CompanyUpdated first = new CompanyUpdated(acme, Map.of("name", new FieldChange("Acme Corporation", "First")));
        projection.on(first, 1, UPDATED);
        projection.on(new CompanyUpdated(acme, Map.of("name", new FieldChange("First", "Second"))), 2, LATER);
        List<CompanyView> views = emitted.subscribe(acme);
        Document before = raw(acme);

        projection.on(first, 1, UPDATED);

        assertThat(raw(acme)).isEqualTo(before);
        assertThat(before.getString("name")).isEqualTo("Second");
        assertThat(before.getLong("version")).isEqualTo(3L);
        assertThat(views).isEmpty();
    }

    @Test
    void updateOfAnUnknownCompanyChangesNothing() {
        CompanyId ghost = CompanyId.random();
        List<CompanyView> views = emitted.subscribe(ghost);

        projection.on(new CompanyUpdated(ghost, Map.of("name", new FieldChange(null, "Ghost"))), 1, UPDATED);

        assertThat(template.count(new Query(), CompanyDocuments.COLLECTION)).isZero();
        assertThat(views).isEmpty();
    }

    @Test
    void deletionKeepsATombstoneHidesTheCompanyAndEmitsTheDeletedView() {
        projection.on(acmeCreated, 0, CREATED);
        List<CompanyView> views = emitted.subscribe(acme);

        projection.on(new CompanyDeleted(acme), 1, LATER);

        Document tombstone = raw(acme);
        assertThat(tombstone.getBoolean("deleted")).isTrue();
        assertThat(tombstone.getLong("version")).isEqualTo(2L);
        assertThat(tombstone.getDate("updated_at")).isEqualTo(Date.from(LATER));
        assertThat(queries.handle(new FindCompany(acme))).isNull();
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.deleted()).isTrue();
            assertThat(view.version()).isEqualTo(2L);
            assertThat(view.name()).isEqualTo("Acme Corporation");
        });
    }

    @Test
    void redeliveredDeletionChangesNothingAndEmitsNothing() {
        projection.on(acmeCreated, 0, CREATED);
        projection.on(new CompanyDeleted(acme), 1, UPDATED);
        List<CompanyView> views = emitted.subscribe(acme);
        Document before = raw(acme);

        projection.on(new CompanyDeleted(acme), 1, LATER);

        assertThat(raw(acme)).isEqualTo(before);
        assertThat(views).isEmpty();
    }

    @Test
    void resetEmptiesTheReadModelSoAReplayRebuildsIt() {
        CompanyUpdated renamed = new CompanyUpdated(acme, Map.of("name", new FieldChange("Acme Corporation", "Acme")));
        projection.on(acmeCreated, 0, CREATED);
        projection.on(renamed, 1, UPDATED);

        projection.reset();
        assertThat(template.count(new Query(), CompanyDocuments.COLLECTION)).isZero();

        projection.on(acmeCreated, 0, CREATED);
        projection.on(renamed, 1, UPDATED);
        CompanyView view = queries.handle(new FindCompany(acme));
        assertThat(view.name()).isEqualTo("Acme");
        assertThat(view.version()).isEqualTo(2L);
    }

    @Test
    void updateOfAnUnknownFieldIsRejected() {
        projection.on(acmeCreated, 0, CREATED);
        CompanyUpdated bad = new CompanyUpdated(acme, Map.of("$where", new FieldChange(null, "1")));

        assertThatThrownBy(() -> projection.on(bad, 1, UPDATED)).hasMessageContaining("unknown company field");
        assertThat(raw(acme).getLong("version")).isEqualTo(1L);
    }

    private Document raw(CompanyId id) {
        return template.findById(id.value(), Document.class, CompanyDocuments.COLLECTION);
    }
}

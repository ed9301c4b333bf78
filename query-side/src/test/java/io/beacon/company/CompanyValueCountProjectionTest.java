package io.beacon.company;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;

class CompanyValueCountProjectionTest {

    private final InMemoryMongo mongo = new InMemoryMongo(template -> new CompanyIndexes(template).ensure());
    private final MongoTemplate template = mongo.template();
    private final CompanyValueCountProjection projection = new CompanyValueCountProjection(template);

    private final CompanyId acme = CompanyId.random();
    private final CompanyCreated acmeCreated = new CompanyCreated(acme, 1, new CompanyFields("Acme", 250L, null, null,
            List.of("Technology", "Software", "Technology", " "), List.of("saas"), List.of(), "1 Main St", null,
            new CompanyMetadata("San Francisco", "CA", "United States", null, null, null, null, null)));

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void creationCountsEveryAttributeOnceForTheCompany() {
        projection.on(acmeCreated, 0);

        assertThat(counts(ValueTally.NAME)).containsExactly(entry("Acme", 1L));
        // An entry the company repeats counts once; blank entries are no value.
        assertThat(counts(ValueTally.INDUSTRY)).containsExactly(entry("Software", 1L), entry("Technology", 1L));
        assertThat(counts(ValueTally.INDUSTRY_LIST)).containsExactly(entry("[Technology, Software, Technology,  ]", 1L));
        assertThat(counts(ValueTally.KEYWORD)).containsExactly(entry("saas", 1L));
        assertThat(counts(ValueTally.KEYWORD_LIST)).containsExactly(entry("[saas]", 1L));
        // An empty list and absent texts are no value.
        assertThat(counts(ValueTally.TECHNOLOGY)).isEmpty();
        assertThat(counts(ValueTally.TECHNOLOGY_LIST)).isEmpty();
        assertThat(counts(ValueTally.CITY)).containsExactly(entry("San Francisco", 1L));
        assertThat(counts(ValueTally.STATE)).containsExactly(entry("CA", 1L));
        assertThat(counts(ValueTally.COUNTRY)).containsExactly(entry("United States", 1L));
        assertThat(counts(ValueTally.ADDRESS)).containsExactly(entry("1 Main St", 1L));
        Document value = template.findById("San Francisco", Document.class, ValueTally.CITY.collection());
        assertThat(value.getString("s")).isEqualTo("san francisco");
    }

    @Test
    void companiesSharingAValueAddUp() {
        projection.on(acmeCreated, 0);
        projection.on(created("Globex", List.of("Software"), "Springfield", "CA"), 0);
        projection.on(created("Initech", List.of("Technology", "Software"), "San Francisco", "TX"), 0);

        assertThat(counts(ValueTally.INDUSTRY)).containsExactly(entry("Software", 3L), entry("Technology", 2L));
        assertThat(counts(ValueTally.INDUSTRY_LIST)).containsExactly(entry("[Software]", 1L),
                entry("[Technology, Software, Technology,  ]", 1L), entry("[Technology, Software]", 1L));
        assertThat(counts(ValueTally.CITY)).containsExactly(entry("San Francisco", 2L), entry("Springfield", 1L));
        assertThat(counts(ValueTally.STATE)).containsExactly(entry("CA", 2L), entry("TX", 1L));
    }

    @Test
    void updateMovesOnlyTheChangedValues() {
        projection.on(acmeCreated, 0);
        projection.on(created("Globex", List.of("Technology"), "San Francisco", "CA"), 0);

        projection.on(updated(acme, "metadata.city", "Oakland", "industries", List.of("Software", "AI"),
                "employees_count", 300), 1);

        assertThat(counts(ValueTally.CITY)).containsExactly(entry("Oakland", 1L), entry("San Francisco", 1L));
        assertThat(counts(ValueTally.INDUSTRY)).containsExactly(entry("AI", 1L), entry("Software", 1L),
                entry("Technology", 1L));
        assertThat(counts(ValueTally.INDUSTRY_LIST)).containsExactly(entry("[Software, AI]", 1L),
                entry("[Technology]", 1L));
        assertThat(counts(ValueTally.NAME)).containsExactly(entry("Acme", 1L), entry("Globex", 1L));
        assertThat(counts(ValueTally.STATE)).containsExactly(entry("CA", 2L));
    }

    @Test
    void updatesOfUncountedFieldsChangeNoCountAndStayIdempotent() {
        projection.on(acmeCreated, 0);
        Map<ValueTally, Map<String, Long>> created = allCounts();

        projection.on(updated(acme, "employees_count", 300, "metadata.website", "https://acme.example"), 1);
        projection.on(updated(acme, "metadata.city", "Oakland"), 2);
        projection.on(updated(acme, "employees_count", 300, "metadata.website", "https://acme.example"), 1);
        projection.on(updated(acme, "metadata.city", "Oakland"), 2);

        assertThat(counts(ValueTally.CITY)).containsExactly(entry("Oakland", 1L));
        Map<ValueTally, Map<String, Long>> expected = new LinkedHashMap<>(created);
        expected.put(ValueTally.CITY, Map.of("Oakland", 1L));
        assertThat(allCounts()).isEqualTo(expected);
    }

    @Test
    void clearingAFieldRemovesItsValue() {
        projection.on(acmeCreated, 0);

        projection.on(updated(acme, "metadata.state", null, "keywords", null, "address", "   "), 1);

        assertThat(counts(ValueTally.STATE)).isEmpty();
        assertThat(counts(ValueTally.KEYWORD)).isEmpty();
        assertThat(counts(ValueTally.KEYWORD_LIST)).isEmpty();
        assertThat(counts(ValueTally.ADDRESS)).isEmpty();
        assertThat(counts(ValueTally.CITY)).containsExactly(entry("San Francisco", 1L));
    }

    @Test
    void deletionUncountsEveryValueOfTheCompany() {
        projection.on(acmeCreated, 0);
        projection.on(updated(acme, "name", "Acme Corp"), 1);

        projection.on(new CompanyDeleted(acme), 2);

        for (ValueTally tally : ValueTally.values()) {
            assertThat(counts(tally)).as(tally.name()).isEmpty();
        }
        assertThat(template.findById(acme.value(), Document.class, CompanyValueCountProjection.LEDGER)
                .getLong("version")).isEqualTo(3L);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        CompanyUpdated rename = updated(acme, "name", "Acme Corp", "industries", List.of("AI"));
        projection.on(acmeCreated, 0);
        projection.on(rename, 1);
        Map<ValueTally, Map<String, Long>> once = allCounts();

        projection.on(acmeCreated, 0);
        projection.on(rename, 1);
        assertThat(allCounts()).isEqualTo(once);

        projection.on(new CompanyDeleted(acme), 2);
        projection.on(new CompanyDeleted(acme), 2);
        projection.on(rename, 1);
        projection.on(acmeCreated, 0);
        assertThat(counts(ValueTally.NAME)).isEmpty();
        assertThat(counts(ValueTally.INDUSTRY)).isEmpty();
    }

    @Test
    void eventsOfACompanyNeverCreatedHereAreIgnored() {
        CompanyId stranger = CompanyId.random();

        projection.on(updated(stranger, "name", "Ghost"), 1);
        projection.on(new CompanyDeleted(stranger), 2);

        assertThat(counts(ValueTally.NAME)).isEmpty();
        assertThat(template.findById(stranger.value(), Document.class, CompanyValueCountProjection.LEDGER)).isNull();
    }

    @Test
    void anEventCutShortAfterSomeValuesIsCountedExactlyOnceWhenHandledAgain() {
        projection.on(acmeCreated, 0);
        projection.on(created("Globex", List.of("Software"), "Springfield", "CA"), 0);
        CompanyUpdated update = updated(acme, "name", "Acme Corp", "industries", List.of("AI", "Software"),
                "metadata.city", "Oakland", "metadata.state", "NY");
        // The process dies after the first collection's values were written.
        MongoTemplate crashing = Mockito.spy(template);
        Mockito.doCallRealMethod().doThrow(new IllegalStateException("crash"))
                .when(crashing).bulkOps(any(BulkOperations.BulkMode.class), anyString());
        assertThatThrownBy(() -> new CompanyValueCountProjection(crashing).on(update, 1)).hasMessage("crash");
        assertThat(counts(ValueTally.NAME)).containsEntry("Acme Corp", 1L);

        // Redelivered from an earlier event (a restart, or a segment moving to another node): the
        // earlier event, already counted, must not hide that this one was cut short.
        projection.on(acmeCreated, 0);
        projection.on(update, 1);
        projection.on(update, 1);

        assertThat(counts(ValueTally.NAME)).containsExactly(entry("Acme Corp", 1L), entry("Globex", 1L));
        assertThat(counts(ValueTally.INDUSTRY)).containsExactly(entry("AI", 1L), entry("Software", 2L));
        assertThat(counts(ValueTally.CITY)).containsExactly(entry("Oakland", 1L), entry("Springfield", 1L));
        assertThat(counts(ValueTally.STATE)).containsExactly(entry("CA", 1L), entry("NY", 1L));
    }

    @Test
    void anEventCutShortBeforeItsLedgerIsCountedExactlyOnceWhenHandledAgain() {
        MongoTemplate crashing = Mockito.spy(template);
        Mockito.doThrow(new IllegalStateException("crash"))
                .when(crashing).save(any(Document.class), eq(CompanyValueCountProjection.LEDGER));
        assertThatThrownBy(() -> new CompanyValueCountProjection(crashing).on(acmeCreated, 0)).hasMessage("crash");
        assertThat(counts(ValueTally.CITY)).containsExactly(entry("San Francisco", 1L));

        projection.on(acmeCreated, 0);
        projection.on(updated(acme, "metadata.city", "Oakland"), 1);

        assertThat(counts(ValueTally.CITY)).containsExactly(entry("Oakland", 1L));
        assertThat(counts(ValueTally.INDUSTRY)).containsExactly(entry("Software", 1L), entry("Technology", 1L));
        assertThat(counts(ValueTally.NAME)).containsExactly(entry("Acme", 1L));
    }

    @Test
    void resetThenReplayRebuildsTheSameCounts() {
        List<Runnable> history = new ArrayList<>();
        CompanyCreated globex = created("Globex", List.of("Software"), "Springfield", "CA");
        history.add(() -> projection.on(acmeCreated, 0));
        history.add(() -> projection.on(globex, 0));
        history.add(() -> projection.on(updated(acme, "industries", List.of("AI")), 1));
        history.add(() -> projection.on(updated(globex.companyId(), "metadata.city", "Austin"), 1));
        history.add(() -> projection.on(new CompanyDeleted(acme), 2));
        history.forEach(Runnable::run);
        Map<ValueTally, Map<String, Long>> before = allCounts();
        assertThat(before.get(ValueTally.CITY)).containsExactly(entry("Austin", 1L));

        projection.reset();
        for (ValueTally tally : ValueTally.values()) {
            assertThat(template.count(new Query(), tally.collection())).isZero();
        }
        assertThat(template.count(new Query(), CompanyValueCountProjection.LEDGER)).isZero();
        history.forEach(Runnable::run);

        assertThat(allCounts()).isEqualTo(before);
    }

    private static CompanyCreated created(String name, List<String> industries, String city, String state) {
        return new CompanyCreated(CompanyId.random(), 2, new CompanyFields(name, null, null, null, industries,
                List.of(), List.of(), null, null, new CompanyMetadata(city, state, null, null, null, null, null, null)));
    }

    private static CompanyUpdated updated(CompanyId id, Object... namesAndNewValues) {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndNewValues.length; i += 2) {
            changes.put((String) namesAndNewValues[i], new FieldChange(null, namesAndNewValues[i + 1]));
        }
        return new CompanyUpdated(id, changes);
    }

    /** The values with a count above zero, by their text (a list as its toString), sorted. */
    private Map<String, Long> counts(ValueTally tally) {
        Map<String, Long> counts = new TreeMap<>();
        for (Document d : template.findAll(Document.class, tally.collection())) {
            long n = ((Number) d.get("n")).longValue();
            assertThat(n).as("count of %s", d).isNotNegative();
            if (n > 0) {
                counts.put(String.valueOf(d.get("v")), n);
            }
        }
        return counts;
    }

    private Map<ValueTally, Map<String, Long>> allCounts() {
        Map<ValueTally, Map<String, Long>> all = new LinkedHashMap<>();
        for (ValueTally tally : ValueTally.values()) {
            all.put(tally, counts(tally));
        }
        return all;
    }
}

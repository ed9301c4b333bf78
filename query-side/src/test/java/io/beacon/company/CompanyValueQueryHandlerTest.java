package io.beacon.company;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.query.CompanyAttribute;
import io.beacon.company.query.CompanyFilter;
import io.beacon.company.query.FindCompanyValues;
import io.beacon.company.query.ValueOrdering;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.beacon.company.Companies.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Lookups over four live companies and a deleted one, read-only after set-up. Both projections are
 * driven, so each query can be answered from the value counts and from the companies alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompanyValueQueryHandlerTest {

    private static final String GLOBEX = "Globex (Holdings) .*";
    private static final Instant DAY_1 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2024-01-02T00:00:00Z");
    /** Matches every company, so the query is answered from the companies rather than the counts. */
    private static final CompanyFilter EVERY_COMPANY = filter("createdAtAfter", Instant.EPOCH);

    private final InMemoryMongo mongo = new InMemoryMongo(template -> new CompanyIndexes(template).ensure());
    private final CompanyValueQueryHandler queries = new CompanyValueQueryHandler(mongo.template());
    private final CompanyProjection companies = new CompanyProjection(mongo.template(), new EmittedViews().emitter());
    private final CompanyValueCountProjection counts = new CompanyValueCountProjection(mongo.template());

    @BeforeAll
    void seed() {
        new CompanyValueIndexes(mongo.template()).ensure();
        create(1, new CompanyFields("Acme", 250L, null, null, List.of("Technology", "Software"),
                List.of("saas", "cloud"), List.of("Python", "AWS"), "1 Main St", null,
                new CompanyMetadata("San Francisco", "CA", "United States", null, null, null, null, null)), DAY_1);
        create(2, new CompanyFields("acme", 10L, null, null, List.of("Technology"), List.of("cloud", "cloud"),
                List.of(), null, null, new CompanyMetadata("San Jose", "CA", "United States", null, null, null, null,
                        null)), DAY_1);
        CompanyId globex = create(3, new CompanyFields(GLOBEX, 1000L, null, null, List.of("Software", "Technology"),
                List.of(), List.of("Python"), "2 Side St", null,
                new CompanyMetadata("  ", "NY", "United States", null, null, null, null, null)), DAY_2);
        create(4, new CompanyFields("Initech", 50L, null, null, List.of("Technology", "Software"), List.of(),
                List.of(), null, null, new CompanyMetadata("Austin", "TX", "Canada", null, null, null, null, null)),
                DAY_2);
        CompanyId gone = create(5, new CompanyFields("Gone", 250L, null, null, List.of("Healthcare"), List.of("saas"),
                List.of("Python"), "9 Lost Rd", null, new CompanyMetadata("Boston", "CA", "United States", null, null,
                        null, null, null)), DAY_1);
        update(globex, 1, "employees_count", 900);
        CompanyDeleted deletion = new CompanyDeleted(gone);
        counts.on(deletion, 1);
        companies.on(deletion, 1, DAY_2);
    }

    @AfterAll
    void stop() {
        mongo.close();
    }

    static Stream<Arguments> lookups() {
        return Stream.of(
                arguments(CompanyAttribute.NAME, false, ValueOrdering.VALUE, List.of("Acme", "acme", GLOBEX, "Initech")),
                arguments(CompanyAttribute.NAME, false, ValueOrdering.VALUE_DESCENDING,
                        List.of("Initech", GLOBEX, "acme", "Acme")),
                arguments(CompanyAttribute.INDUSTRIES, true, ValueOrdering.VALUE, List.of("Software", "Technology")),
                arguments(CompanyAttribute.INDUSTRIES, true, ValueOrdering.COUNT, List.of("Software", "Technology")),
                arguments(CompanyAttribute.INDUSTRIES, true, ValueOrdering.COUNT_DESCENDING,
                        List.of("Technology", "Software")),
                arguments(CompanyAttribute.INDUSTRIES, false, ValueOrdering.VALUE, List.of(List.of("Software", "Technology"),
                        List.of("Technology"), List.of("Technology", "Software"))),
                arguments(CompanyAttribute.INDUSTRIES, false, ValueOrdering.COUNT_DESCENDING, List.of(
                        List.of("Technology", "Software"), List.of("Software", "Technology"), List.of("Technology"))),
                arguments(CompanyAttribute.KEYWORDS, true, ValueOrdering.COUNT_DESCENDING, List.of("cloud", "saas")),
                arguments(CompanyAttribute.KEYWORDS, false, ValueOrdering.VALUE,
                        List.of(List.of("cloud", "cloud"), List.of("saas", "cloud"))),
                arguments(CompanyAttribute.TECHNOLOGIES, true, ValueOrdering.VALUE, List.of("AWS", "Python")),
                arguments(CompanyAttribute.TECHNOLOGIES, false, ValueOrdering.VALUE,
                        List.of(List.of("Python"), List.of("Python", "AWS"))),
                arguments(CompanyAttribute.CITY, false, ValueOrdering.VALUE, List.of("Austin", "San Francisco", "San Jose")),
                arguments(CompanyAttribute.STATE, false, ValueOrdering.COUNT_DESCENDING, List.of("CA", "NY", "TX")),
                arguments(CompanyAttribute.STATE, false, ValueOrdering.COUNT, List.of("NY", "TX", "CA")),
                arguments(CompanyAttribute.COUNTRY, false, ValueOrdering.COUNT_DESCENDING,
                        List.of("United States", "Canada")),
                arguments(CompanyAttribute.ADDRESS, false, ValueOrdering.VALUE_DESCENDING, List.of("2 Side St", "1 Main St")));
    }

    @ParameterizedTest(name = "{0} separated={1} {2}")
    @MethodSource("lookups")
    void distinctValuesOfLiveCompaniesInOrderFromCountsAndFromCompaniesAlike(CompanyAttribute attribute,
                                                                             boolean separated, ValueOrdering ordering,
                                                                             List<Object> expected) {
        assertThat(find(attribute, CompanyFilter.NONE, null, separated, true, ordering, 0, 100)).isEqualTo(expected);
        assertThat(find(attribute, EVERY_COMPANY, null, separated, true, ordering, 0, 100)).isEqualTo(expected);
    }

    @Test
    void everyCombinationAnswersTheSameFromCountsAndFromCompanies() {
        for (CompanyAttribute attribute : CompanyAttribute.values()) {
            for (boolean separated : new boolean[]{false, true}) {
                for (boolean distinct : new boolean[]{false, true}) {
                    for (ValueOrdering ordering : ValueOrdering.values()) {
                        for (String search : new String[]{null, "o", "S"}) {
                            for (int offset : new int[]{0, 1, 3}) {
                                List<Object> fromCounts = find(attribute, CompanyFilter.NONE, search, separated,
                                        distinct, ordering, offset, 2);
                                List<Object> fromCompanies = find(attribute, EVERY_COMPANY, search, separated,
                                        distinct, ordering, offset, 2);
                                assertThat(fromCounts).as("%s separated=%s distinct=%s %s search=%s offset=%s",
                                        attribute, separated, distinct, ordering, search, offset).isEqualTo(fromCompanies);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void nonDistinctListsAValueOncePerCompanyHavingIt() {
        assertThat(find(CompanyAttribute.STATE, CompanyFilter.NONE, null, false, false, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of("CA", "CA", "NY", "TX"));
        assertThat(find(CompanyAttribute.INDUSTRIES, CompanyFilter.NONE, null, true, false,
                ValueOrdering.COUNT_DESCENDING, 0, 100))
                .isEqualTo(List.of("Technology", "Technology", "Technology", "Technology", "Software", "Software",
                        "Software"));
        // A company repeating an entry has it once.
        assertThat(find(CompanyAttribute.KEYWORDS, CompanyFilter.NONE, null, true, false, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of("cloud", "cloud", "saas"));
    }

    @Test
    void offsetAndLimitSliceTheListedEntries() {
        assertThat(find(CompanyAttribute.STATE, CompanyFilter.NONE, null, false, false, ValueOrdering.VALUE, 1, 2))
                .isEqualTo(List.of("CA", "NY"));
        assertThat(find(CompanyAttribute.NAME, CompanyFilter.NONE, null, false, true, ValueOrdering.VALUE, 1, 2))
                .isEqualTo(List.of("acme", GLOBEX));
        assertThat(find(CompanyAttribute.NAME, CompanyFilter.NONE, null, false, true, ValueOrdering.VALUE, 10, 2))
                .isEmpty();
    }

    @Test
    void searchMatchesTheLiteralTextCaseInsensitively() {
        assertThat(find(CompanyAttribute.NAME, CompanyFilter.NONE, "ACM", false, true, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of("Acme", "acme"));
        assertThat(find(CompanyAttribute.NAME, CompanyFilter.NONE, ".*", false, true, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of(GLOBEX));
        assertThat(find(CompanyAttribute.NAME, CompanyFilter.NONE, "(h", false, true, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of(GLOBEX));
        // A whole list matches when any entry does.
        assertThat(find(CompanyAttribute.INDUSTRIES, CompanyFilter.NONE, "soft", false, true, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of(List.of("Software", "Technology"), List.of("Technology", "Software")));
    }

    @Test
    void companyFiltersRestrictTheValuesToTheMatchingCompanies() {
        assertThat(find(CompanyAttribute.CITY, filter("employeesMin", 100L), null, false, true, ValueOrdering.VALUE,
                0, 100)).isEqualTo(List.of("San Francisco"));
        assertThat(find(CompanyAttribute.STATE, filter("industries", List.of("software")), null, false, false,
                ValueOrdering.VALUE, 0, 100)).isEqualTo(List.of("CA", "NY", "TX"));
        assertThat(find(CompanyAttribute.INDUSTRIES, filter("country", "canada"), null, true, true,
                ValueOrdering.VALUE, 0, 100)).isEqualTo(List.of("Software", "Technology"));
        assertThat(find(CompanyAttribute.NAME, filter("excludeKeywords", List.of("cloud")), "TECH", false, true,
                ValueOrdering.VALUE, 0, 100)).isEqualTo(List.of("Initech"));
        // The deleted company matches this filter and still leaves nothing behind.
        assertThat(find(CompanyAttribute.CITY, filter("industries", List.of("healthcare")), null, false, true,
                ValueOrdering.VALUE, 0, 100)).isEmpty();
    }

    @Test
    void aTextFilterOnTheAttributeItselfIsAnsweredFromTheCounts() {
        assertThat(CompanyValueQueryHandler.needsCompanies(filter("city", "san"), CompanyAttribute.CITY)).isFalse();
        assertThat(CompanyValueQueryHandler.needsCompanies(filter("city", "san"), CompanyAttribute.STATE)).isTrue();
        assertThat(CompanyValueQueryHandler.needsCompanies(filter("name", ""), CompanyAttribute.STATE)).isFalse();
        assertThat(CompanyValueQueryHandler.needsCompanies(filter("industries", List.of("x")),
                CompanyAttribute.INDUSTRIES)).isTrue();
        assertThat(CompanyValueQueryHandler.needsCompanies(filter("search", "x"), CompanyAttribute.NAME)).isTrue();

        assertThat(find(CompanyAttribute.CITY, filter("city", "SAN"), "jo", false, true, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of("San Jose"));
        assertThat(find(CompanyAttribute.NAME, filter("name", "acme"), null, false, true, ValueOrdering.VALUE, 0, 100))
                .isEqualTo(List.of("Acme", "acme"));
    }

    private List<Object> find(CompanyAttribute attribute, CompanyFilter filter, String search, boolean separated,
                              boolean distinct, ValueOrdering ordering, long offset, int limit) {
        return new ArrayList<>(queries.handle(new FindCompanyValues(attribute, filter, search, separated, distinct,
                ordering, offset, limit)).results());
    }

    private CompanyId create(long number, CompanyFields fields, Instant at) {
        CompanyCreated event = new CompanyCreated(CompanyId.random(), number, fields);
        counts.on(event, 0);
        companies.on(event, 0, at);
        return event.companyId();
    }

    private void update(CompanyId id, long sequence, String field, Object value) {
        CompanyUpdated event = new CompanyUpdated(id, Map.of(field, new FieldChange(null, value)));
        counts.on(event, sequence);
        companies.on(event, sequence, DAY_2);
    }
}

package io.beacon.company;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.company.query.CompanyFilter;
import io.beacon.company.query.CompanyPage;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.CountCompanies;
import io.beacon.company.query.FindCompanies;
import io.beacon.company.query.FindCompany;
import io.beacon.company.query.FindCompanyUuids;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.beacon.company.Companies.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Queries over a fixed set of five live companies and one deleted one, read-only after set-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompanyQueryHandlerTest {

    private static final String ACME = "Acme Corporation";
    private static final String GLOBEX = "Globex (Holdings) $where.*";
    private static final String INITECH = "Initech";
    private static final String UMBRELLA = "Umbrella {\"$ne\":1}";
    private static final String HOOLI = "Hooli";
    private static final Instant DAY_1 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2024-01-02T00:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2024-01-03T00:00:00Z");
    private static final Instant DAY_4 = Instant.parse("2024-01-04T00:00:00Z");
    private static final Instant DAY_5 = Instant.parse("2024-01-05T00:00:00Z");
    private static final Instant DAY_8 = Instant.parse("2024-01-08T00:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo(template -> new CompanyIndexes(template).ensure());
    private final CompanyQueryHandler queries = new CompanyQueryHandler(mongo.template());
    private CompanyId acme;
    private CompanyId initech;
    private CompanyId deleted;

    @BeforeAll
    void seed() {
        Companies companies = new Companies(new CompanyProjection(mongo.template(), new EmittedViews().emitter()));
        acme = companies.create(1, new CompanyFields(ACME, 250L, 50_000_000L, 25_000_000L,
                List.of("Technology", "Software"), List.of("enterprise", "SaaS"), List.of("Python", "AWS"),
                "123 Main St, San Francisco", "bay area cloud vendor", new CompanyMetadata("San Francisco", "CA",
                "United States", "+1-415-555-0100", "https://acme.com", "https://linkedin.com/company/acme",
                null, null)), DAY_1);
        companies.create(2, new CompanyFields(GLOBEX, 1000L, 200_000_000L, null, List.of("Manufacturing"),
                List.of("industrial"), List.of("SAP"), "1 Globex Way", null, new CompanyMetadata("Springfield", "OR",
                "United States", "+1 (555) 010-2000", "https://globex.example", null, "https://facebook.com/globex",
                null)), DAY_2);
        initech = companies.create(3, new CompanyFields(INITECH, 50L, 5_000_000L, 1_000_000L,
                List.of("Software", "FinTech"), List.of("banking"), List.of("Java", "AWS"), "4120 Freidrich Ln, Austin",
                null, new CompanyMetadata("Austin", "TX", "USA", null, "https://initech.io",
                "https://linkedin.com/company/initech", null, "https://twitter.com/initech")), DAY_3);
        companies.create(4, new CompanyFields(UMBRELLA, 250L, 75_000_000L, 25_000_000L, List.of("Biotech"),
                List.of("pharma"), List.of(), "Raccoon Street 9", "zombies", new CompanyMetadata("Raccoon City", null,
                "Germany", "+49 30 1234", "https://umbrella.example", null, null, "https://twitter.com/umbrella")),
                DAY_4);
        companies.create(5, new CompanyFields(HOOLI, 250L, 3_000_000_000L, 500_000_000L, List.of("Technology"),
                List.of("search", "Cloud"), List.of("Go", "Kubernetes"), "1 Hooli Plaza, Palo Alto", null,
                new CompanyMetadata("Palo Alto", "CA", "United States", null, "https://hooli.xyz",
                "https://linkedin.com/company/hooli", "https://facebook.com/hooli", null)), DAY_5);
        // Matches nearly every filter above, so any leak of deleted companies shows.
        deleted = companies.create(6, new CompanyFields("Deleted Technology Corp", 250L, 50_000_000L, 25_000_000L,
                List.of("Technology", "Software"), List.of("SaaS", "cloud"), List.of("AWS"), "Main St, Austin", "cloud",
                new CompanyMetadata("San Francisco", "CA", "United States", "+1 (555)", "https://hooli.acme.com",
                "https://linkedin.com/company/initech", "https://facebook.com/x", "https://twitter.com/umbrella")),
                DAY_1);
        companies.delete(deleted, 1, DAY_8);
        companies.update(initech, 1, DAY_8, "employees_count", 50);
    }

    @AfterAll
    void stop() {
        mongo.close();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                arguments("no filter", CompanyFilter.NONE, names(ACME, GLOBEX, INITECH, UMBRELLA, HOOLI)),
                arguments("name substring", filter("name", "acme"), names(ACME)),
                arguments("name in other case", filter("name", "CORPOR"), names(ACME)),
                arguments("empty text is no constraint", filter("name", ""),
                        names(ACME, GLOBEX, INITECH, UMBRELLA, HOOLI)),
                arguments("address", filter("address", "MAIN st"), names(ACME)),
                arguments("city", filter("city", "san fran"), names(ACME)),
                arguments("state", filter("state", "ca"), names(ACME, HOOLI)),
                arguments("country", filter("country", "UNITED"), names(ACME, GLOBEX, HOOLI)),
                arguments("phone number", filter("phoneNumber", "(555)"), names(GLOBEX)),
                arguments("phone number prefix", filter("phoneNumber", "+1"), names(ACME, GLOBEX)),
                arguments("website", filter("website", "HOOLI"), names(HOOLI)),
                arguments("linkedin url", filter("linkedinUrl", "company/ini"), names(INITECH)),
                arguments("facebook url", filter("facebookUrl", "facebook.com"), names(GLOBEX, HOOLI)),
                arguments("twitter url", filter("twitterUrl", "Umbrella"), names(UMBRELLA)),
                arguments("location by address and city", filter("companyLocation", "AUSTIN"), names(INITECH)),
                arguments("location by address", filter("companyLocation", "street"), names(UMBRELLA)),
                arguments("location by state", filter("companyLocation", "tx"), names(INITECH)),
                arguments("location by country", filter("companyLocation", "germany"), names(UMBRELLA)),
                arguments("search by name", filter("search", "hoo"), names(HOOLI)),
                arguments("search by text_search and keyword", filter("search", "CLOUD"), names(ACME, HOOLI)),
                arguments("search by technology", filter("search", "kubernetes"), names(HOOLI)),
                arguments("search by industry", filter("search", "fintech"), names(INITECH)),
                arguments("search by website", filter("search", "initech.io"), names(INITECH)),
                arguments("search by city", filter("search", "springfield"), names(GLOBEX)),
                arguments("search by state", filter("search", "OR"), names(ACME, GLOBEX)),
                arguments("search by country", filter("search", "germany"), names(UMBRELLA)),
                arguments("search ignores phone numbers", filter("search", "415"), names()),
                arguments("exact employees", filter("employeesCount", 250L), names(ACME, UMBRELLA, HOOLI)),
                arguments("exact revenue", filter("annualRevenue", 5_000_000L), names(INITECH)),
                arguments("exact funding", filter("totalFunding", 25_000_000L), names(ACME, UMBRELLA)),
                arguments("employees min inclusive", filter("employeesMin", 250L),
                        names(ACME, GLOBEX, UMBRELLA, HOOLI)),
                arguments("employees max inclusive", filter("employeesMax", 250L),
                        names(ACME, INITECH, UMBRELLA, HOOLI)),
                arguments("employees range", filter("employeesMin", 100L, "employeesMax", 999L),
                        names(ACME, UMBRELLA, HOOLI)),
                arguments("revenue min", filter("annualRevenueMin", 75_000_000L), names(GLOBEX, UMBRELLA, HOOLI)),
                arguments("revenue max", filter("annualRevenueMax", 50_000_000L), names(ACME, INITECH)),
                arguments("funding range excludes unknown funding",
                        filter("totalFundingMin", 25_000_000L, "totalFundingMax", 25_000_000L), names(ACME, UMBRELLA)),
                arguments("funding max", filter("totalFundingMax", 1_000_000L), names(INITECH)),
                arguments("industry in other case", filter("industries", List.of("technology")), names(ACME, HOOLI)),
                arguments("any of industries", filter("industries", List.of("SOFTWARE", "bioTech")),
                        names(ACME, INITECH, UMBRELLA)),
                arguments("industries match whole values", filter("industries", List.of("Soft")), names()),
                arguments("any of keywords", filter("keywords", List.of("saas", "CLOUD")), names(ACME, HOOLI)),
                arguments("any of technologies", filter("technologies", List.of("aws")), names(ACME, INITECH)),
                arguments("exclude industries", filter("excludeIndustries", List.of("TECHNOLOGY")),
                        names(GLOBEX, INITECH, UMBRELLA)),
                arguments("exclude any of keywords", filter("excludeKeywords", List.of("saas", "Banking")),
                        names(GLOBEX, UMBRELLA, HOOLI)),
                arguments("exclude technologies keeps companies without any",
                        filter("excludeTechnologies", List.of("aws")), names(GLOBEX, UMBRELLA, HOOLI)),
                arguments("include and exclude", filter("industries", List.of("software"),
                        "excludeTechnologies", List.of("JAVA")), names(ACME)),
                arguments("created after inclusive", filter("createdAtAfter", DAY_3), names(INITECH, UMBRELLA, HOOLI)),
                arguments("created before inclusive", filter("createdAtBefore", DAY_2), names(ACME, GLOBEX)),
                arguments("created between", filter("createdAtAfter", DAY_2, "createdAtBefore", DAY_4),
                        names(GLOBEX, INITECH, UMBRELLA)),
                arguments("created after a sub-millisecond bound",
                        filter("createdAtAfter", DAY_3.plusNanos(1)), names(UMBRELLA, HOOLI)),
                arguments("created before a sub-millisecond bound",
                        filter("createdAtBefore", DAY_3.minusNanos(1)), names(ACME, GLOBEX)),
                arguments("updated after", filter("updatedAtAfter", DAY_8), names(INITECH)),
                arguments("updated before", filter("updatedAtBefore", DAY_5), names(ACME, GLOBEX, UMBRELLA, HOOLI)),
                arguments("all criteria must hold", filter("country", "united", "employeesMin", 250L,
                        "industries", List.of("Technology")), names(ACME, HOOLI)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void everyQuerySelectsExactlyTheMatchingLiveCompanies(String description, CompanyFilter filter,
                                                          List<String> expected) {
        CompanyPage page = queries.handle(new FindCompanies(filter, List.of(), 0, 100));

        assertThat(page.results()).extracting(CompanyView::name).containsExactlyElementsOf(expected);
        assertThat(page.hasMore()).isFalse();
        assertThat(queries.handle(new CountCompanies(filter))).isEqualTo(expected.size());
        assertThat(queries.handle(new FindCompanyUuids(filter, List.of(), null)).uuids())
                .containsExactlyElementsOf(page.results().stream().map(CompanyView::uuid).toList());
    }

    static Stream<Arguments> literalTexts() {
        return Stream.of(
                arguments(".*", names(GLOBEX)),
                arguments("$where", names(GLOBEX)),
                arguments("(HOLDINGS)", names(GLOBEX)),
                arguments("{\"$ne\":1}", names(UMBRELLA)),
                arguments("a.*e", names()),
                arguments("^acme", names()),
                arguments("[a-z]", names()),
                arguments("\\E.*", names()),
                arguments("{\"$ne\":null}", names()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literalTexts")
    void textFiltersMatchRegexCharactersLiterally(String text, List<String> expected) {
        for (String component : List.of("name", "search")) {
            CompanyPage page = queries.handle(new FindCompanies(filter(component, text), List.of(), 0, 100));

            assertThat(page.results()).as(component).extracting(CompanyView::name).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void findCompanyAnswersTheFullView() {
        CompanyView view = queries.handle(new FindCompany(acme));

        assertThat(view.id()).isEqualTo(1L);
        assertThat(view.uuid()).isEqualTo(acme.value());
        assertThat(view.annualRevenue()).isEqualTo(50_000_000L);
        assertThat(view.technologies()).containsExactly("Python", "AWS");
        assertThat(view.textSearch()).isEqualTo("bay area cloud vendor");
        assertThat(view.metadata().linkedinUrl()).isEqualTo("https://linkedin.com/company/acme");
        assertThat(view.version()).isEqualTo(1L);
        assertThat(view.createdAt()).isEqualTo(DAY_1);
        assertThat(view.deleted()).isFalse();
    }

    @Test
    void deletedAndUnknownCompaniesAreInvisible() {
        assertThat(queries.handle(new FindCompany(deleted))).isNull();
        assertThat(queries.handle(new FindCompany(CompanyId.random()))).isNull();
        assertThat(queries.handle(new FindCompanyUuids(CompanyFilter.NONE, List.of(), null)).uuids())
                .hasSize(5).doesNotContain(deleted.value());
        assertThat(queries.handle(new CountCompanies(filter("name", "deleted")))).isZero();
    }

    @Test
    void defaultOrderIsIdAscendingAndIdCanBeReversed() {
        assertThat(names(List.of())).containsExactly(ACME, GLOBEX, INITECH, UMBRELLA, HOOLI);
        assertThat(names(List.of(new SortKey("id", true)))).containsExactly(HOOLI, UMBRELLA, INITECH, GLOBEX, ACME);
    }

    @Test
    void equalSortKeysAreOrderedByIdAscending() {
        assertThat(names(List.of(new SortKey("employees_count", true))))
                .containsExactly(GLOBEX, ACME, UMBRELLA, HOOLI, INITECH);
        assertThat(names(List.of(new SortKey("total_funding", false))))
                .as("unknown funding sorts first").containsExactly(GLOBEX, INITECH, ACME, UMBRELLA, HOOLI);
    }

    @Test
    void laterSortKeysOrderWithinEarlierOnes() {
        assertThat(names(List.of(new SortKey("employees_count", true), new SortKey("name", true))))
                .containsExactly(GLOBEX, UMBRELLA, HOOLI, ACME, INITECH);
        assertThat(names(List.of(new SortKey("country", false), new SortKey("annual_revenue", true))))
                .containsExactly(UMBRELLA, INITECH, HOOLI, GLOBEX, ACME);
    }

    @Test
    void everyOrderableFieldSortsByItsStoredValue() {
        assertThat(names(List.of(new SortKey("name", false)))).containsExactly(ACME, GLOBEX, HOOLI, INITECH, UMBRELLA);
        assertThat(names(List.of(new SortKey("annual_revenue", false))))
                .containsExactly(INITECH, ACME, UMBRELLA, GLOBEX, HOOLI);
        assertThat(names(List.of(new SortKey("address", false))))
                .containsExactly(GLOBEX, HOOLI, ACME, INITECH, UMBRELLA);
        assertThat(names(List.of(new SortKey("city", false)))).containsExactly(INITECH, HOOLI, UMBRELLA, ACME, GLOBEX);
        assertThat(names(List.of(new SortKey("state", true)))).containsExactly(INITECH, GLOBEX, ACME, HOOLI, UMBRELLA);
        assertThat(names(List.of(new SortKey("created_at", true))))
                .containsExactly(HOOLI, UMBRELLA, INITECH, GLOBEX, ACME);
        assertThat(names(List.of(new SortKey("updated_at", true))))
                .containsExactly(INITECH, HOOLI, UMBRELLA, GLOBEX, ACME);
        List<String> byUuid = queries.handle(new FindCompanies(CompanyFilter.NONE, List.of(new SortKey("uuid", false)),
                0, 100)).results().stream().map(CompanyView::uuid).toList();
        assertThat(byUuid).isSorted().hasSize(5);
    }

    @Test
    void pagesFollowOneAnotherAndTellWhetherMoreFollow() {
        List<SortKey> ordering = List.of(new SortKey("employees_count", false));

        CompanyPage first = queries.handle(new FindCompanies(CompanyFilter.NONE, ordering, 0, 2));
        CompanyPage second = queries.handle(new FindCompanies(CompanyFilter.NONE, ordering, 2, 2));
        CompanyPage last = queries.handle(new FindCompanies(CompanyFilter.NONE, ordering, 4, 2));
        CompanyPage beyond = queries.handle(new FindCompanies(CompanyFilter.NONE, ordering, 10, 2));
        CompanyPage exact = queries.handle(new FindCompanies(CompanyFilter.NONE, ordering, 0, 5));

        assertThat(first.results()).extracting(CompanyView::name).containsExactly(INITECH, ACME);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.results()).extracting(CompanyView::name).containsExactly(UMBRELLA, HOOLI);
        assertThat(second.hasMore()).isTrue();
        assertThat(last.results()).extracting(CompanyView::name).containsExactly(GLOBEX);
        assertThat(last.hasMore()).isFalse();
        assertThat(beyond.results()).isEmpty();
        assertThat(beyond.hasMore()).isFalse();
        assertThat(exact.results()).hasSize(5);
        assertThat(exact.hasMore()).isFalse();
    }

    @Test
    void uuidsFollowTheOrderingAndTheOptionalLimit() {
        List<SortKey> ordering = List.of(new SortKey("name", true));
        List<String> expected = queries.handle(new FindCompanies(CompanyFilter.NONE, ordering, 0, 100)).results()
                .stream().map(CompanyView::uuid).toList();

        List<String> all = queries.handle(new FindCompanyUuids(CompanyFilter.NONE, ordering, null)).uuids();
        List<String> firstTwo = queries.handle(new FindCompanyUuids(CompanyFilter.NONE, ordering, 2)).uuids();
        List<String> filtered = queries.handle(new FindCompanyUuids(filter("state", "CA"), List.of(), 10)).uuids();

        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(firstTwo).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(filtered).containsExactly(acme.value(), queries.handle(new FindCompanies(filter("name", "hooli"),
                List.of(), 0, 1)).results().get(0).uuid());
    }

    @Test
    void updatedCompaniesAreFoundByTheirNewValues() {
        CompanyView view = queries.handle(new FindCompany(initech));

        assertThat(view.version()).isEqualTo(2L);
        assertThat(view.updatedAt()).isEqualTo(DAY_8);
        assertThat(view.createdAt()).isEqualTo(DAY_3);
        assertThat(queries.handle(new CountCompanies(filter("employeesCount", 50L)))).isEqualTo(1L);
    }

    private List<String> names(List<SortKey> ordering) {
        return queries.handle(new FindCompanies(CompanyFilter.NONE, ordering, 0, 100)).results().stream()
                .map(CompanyView::name).toList();
    }

    private static List<String> names(String... names) {
        return Arrays.asList(names);
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code search_contacts}, {@code count_contacts} and {@code get_uuids} of seed 001 end to end: contacts
 * written with {@code create_company} / {@code create_contact} on the companies endpoint, searched with
 * Apollo URLs on {@code /api/v2/apollo/ws}. Searches span every company in the store, so each scenario
 * names its companies with a unique tag and narrows its searches to them with {@code include_company_name}.
 */
abstract class ApolloSearchScenarios extends BeaconScenarioSupport {

    private static final String PEOPLE = "https://app.apollo.io/#/people?";
    private static final String IT_SERVICES_ID = "5567cd4773696439b10b0000";
    private static final String BANKING_ID = "5567ce237369644ee5490000";

    /** Two companies of one tag, with contacts that differ in every searched field. */
    private record World(String tag, JsonNode acme, JsonNode bank, Map<String, JsonNode> people) {

        String uuid(String firstName) {
            return people.get(firstName).path("uuid").asText();
        }
    }

    private World world(WsClient admin) {
        String tag = unique("apollo");
        JsonNode acme = create(admin, "name", "Acme " + tag, "employees_count", 40,
                "industries", arr("Information Technology & Services"), "keywords", arr("saas", "b2b"),
                "technologies", arr("WooCommerce", "Python"), "annual_revenue", 5_000_000,
                "metadata", obj("city", "Austin", "state", "Texas", "country", "United States",
                        "website", "https://www.acme-" + tag + ".example/about"));
        JsonNode bank = create(admin, "name", "Bank " + tag, "employees_count", 1500,
                "industries", arr("Banking"), "keywords", arr("b2b", "fintech"), "technologies", arr("Java"),
                "annual_revenue", 900_000_000,
                "metadata", obj("city", "Frankfurt", "country", "Germany", "website", "https://bank-" + tag + ".example"));
        Map<String, JsonNode> people = new java.util.LinkedHashMap<>();
        people.put("Ada", contact(admin, acme, "Ada", "Lovelace", "CEO", "owner", arr("Executive"), "verified",
                "San Francisco", "California", "United States"));
        people.put("Alan", contact(admin, acme, "Alan", "Turing", "Vice President, Sales", "vp", arr("Sales"),
                "unverified", "London", "England", "United Kingdom"));
        people.put("Grace", contact(admin, acme, "Grace", "Hopper", "Sr. Software Engineer", "senior",
                arr("Engineering"), "verified", "New York", "New York", "United States"));
        people.put("Linus", contact(admin, bank, "Linus", "Torvalds", "Chief Executive Officer", "c_suite",
                arr("Executive"), "likely_to_engage", "Portland", "Oregon", "United States"));
        people.put("Barbara", contact(admin, bank, "Barbara", "Liskov", "VP Sales", "vp", arr("Sales"), "verified",
                "Boston", "Massachusetts", "United States"));
        people.put("Ken", contact(admin, bank, "Ken", "Thompson", "Software Engineer", "entry", arr("Engineering"),
                "verified", "Berlin", "Berlin", "Germany"));
        return new World(tag, acme, bank, people);
    }

    private static JsonNode contact(WsClient admin, JsonNode company, String first, String last, String title,
                                    String seniority, List<Object> departments, String emailStatus, String city,
                                    String state, String country) {
        return success(admin.call("create_contact", keyed("company_uuid", company.path("uuid").asText(),
                "first_name", first, "last_name", last, "email", first.toLowerCase() + "@" + last.toLowerCase() + ".example",
                "title", title, "seniority", seniority, "departments", departments, "email_status", emailStatus,
                "metadata", obj("city", city, "state", state, "country", country))));
    }

    private WsClient apollo(WsClient companies) {
        return connectApollo(adminLogin().path("access_token").asText());
    }

    private static String url(String... parameters) {
        return PEOPLE + String.join("&", parameters);
    }

    /** The first names {@code search_contacts} finds for this URL among the world's companies, in answer order. */
    private static List<String> found(WsClient apollo, World w, String url, Object... extra) {
        JsonNode data = success(apollo.call("search_contacts", with(obj("url", url, "include_company_name", w.tag()), extra)));
        return firstNames(data.path("results"));
    }

    private static List<String> firstNames(JsonNode results) {
        return StreamSupport.stream(results.spliterator(), false).map(c -> c.path("first_name").asText()).toList();
    }

    // ---------------------------------------------------------------- person filters

    @Test
    void titlesMatchRegardlessOfCaseSpacingAndAbbreviations() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("personTitles[]=CEO"))).containsExactlyInAnyOrder("Ada", "Linus");
        assertThat(found(apollo, w, url("personTitles[]=chief%20%20executive%20officer"))).containsExactlyInAnyOrder("Ada", "Linus");
        assertThat(found(apollo, w, url("personTitles[]=VP%20Sales"))).containsExactlyInAnyOrder("Alan", "Barbara");
        assertThat(found(apollo, w, url("personTitles[]=senior%20software%20engineer"))).containsExactly("Grace");
        assertThat(found(apollo, w, url("personTitles[]=software%20engineer"))).containsExactlyInAnyOrder("Grace", "Ken");
        assertThat(found(apollo, w, url("personTitles[]=software%20engineer", "personNotTitles[]=Sr")))
                .containsExactly("Ken");
    }

    @Test
    void senioritiesDepartmentsAndEmailStatusesSelectWholeValues() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("personSeniorities[]=vp", "personSeniorities[]=owner")))
                .containsExactlyInAnyOrder("Ada", "Alan", "Barbara");
        assertThat(found(apollo, w, url("personDepartmentOrSubdepartments[]=master_engineering_technical")))
                .containsExactlyInAnyOrder("Grace", "Ken");
        assertThat(found(apollo, w, url("personDepartmentOrSubdepartments[]=master_sales")))
                .containsExactlyInAnyOrder("Alan", "Barbara");
        assertThat(found(apollo, w, url("contactEmailStatusV2[]=likely_to_engage"))).containsExactly("Linus");
        assertThat(found(apollo, w, url("contactEmailStatus[]=unverified"))).containsExactly("Alan");
    }

    @Test
    void personLocationsMatchCityStateOrCountryAndExclusionsDrop() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("personLocations[]=california"))).containsExactly("Ada");
        assertThat(found(apollo, w, url("personLocations[]=Germany", "personLocations[]=London")))
                .containsExactlyInAnyOrder("Alan", "Ken");
        assertThat(found(apollo, w, url("personLocations[]=United%20States", "personNotLocations[]=New%20York")))
                .containsExactlyInAnyOrder("Ada", "Linus", "Barbara");
    }

    @Test
    void personNameAndKeywordSearchAreLiteralSubstrings() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("qPersonName=grace%20hop"))).containsExactly("Grace");
        assertThat(found(apollo, w, url("qKeywords=fintech"))).containsExactlyInAnyOrder("Linus", "Barbara", "Ken");
        assertThat(found(apollo, w, url("qKeywords=lovelace"))).containsExactly("Ada");
        assertThat(found(apollo, w, url("qPersonName=.*"))).isEmpty();
    }

    // ---------------------------------------------------------------- company filters

    @Test
    void employeeRangesAreOredAndRevenueBoundsInclusive() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("organizationNumEmployeesRanges[]=11%2C50"))).containsExactlyInAnyOrder("Ada", "Alan", "Grace");
        assertThat(found(apollo, w, url("organizationNumEmployeesRanges[]=1,10", "organizationNumEmployeesRanges[]=1001,2000")))
                .containsExactlyInAnyOrder("Linus", "Barbara", "Ken");
        assertThat(found(apollo, w, url("organizationNumEmployeesRanges[]=10001"))).isEmpty();
        assertThat(found(apollo, w, url("revenueRange[min]=5000000", "revenueRange[max]=5000000")))
                .containsExactlyInAnyOrder("Ada", "Alan", "Grace");
        assertThat(found(apollo, w, url("revenueRange[min]=100000000"))).containsExactlyInAnyOrder("Linus", "Barbara", "Ken");
    }

    @Test
    void industryTagIdsSelectByIndustryName() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("organizationIndustryTagIds[]=" + IT_SERVICES_ID)))
                .containsExactlyInAnyOrder("Ada", "Alan", "Grace");
        assertThat(found(apollo, w, url("organizationIndustryTagIds[]=" + BANKING_ID))).containsExactlyInAnyOrder("Linus", "Barbara", "Ken");
        assertThat(found(apollo, w, url("personSeniorities[]=vp", "organizationNotIndustryTagIds[]=" + BANKING_ID)))
                .containsExactly("Alan");
        assertThat(found(apollo, w, url("organizationIndustries[]=information%20technology%20%26%20services")))
                .containsExactlyInAnyOrder("Ada", "Alan", "Grace");
    }

    @Test
    void keywordTagsTechnologiesAndCompanyLocations() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("qOrganizationKeywordTags[]=saas", "personSeniorities[]=owner"))).containsExactly("Ada");
        assertThat(found(apollo, w, url("organizationKeywordTags[]=fintech", "personTitles[]=ceo"))).containsExactly("Linus");
        assertThat(found(apollo, w, url("qAndedOrganizationKeywordTags[]=b2b", "qAndedOrganizationKeywordTags[]=fintech")))
                .containsExactlyInAnyOrder("Linus", "Barbara", "Ken");
        assertThat(found(apollo, w, url("qOrganizationKeywordTags[]=b2b", "qNotOrganizationKeywordTags[]=fintech")))
                .containsExactlyInAnyOrder("Ada", "Alan", "Grace");
        assertThat(found(apollo, w, url("currentlyUsingAnyOfTechnologyUids[]=woo_commerce"))).containsExactlyInAnyOrder("Ada", "Alan", "Grace");
        assertThat(found(apollo, w, url("currentlyNotUsingAnyOfTechnologyUids[]=java", "personTitles[]=ceo"))).containsExactly("Ada");
        assertThat(found(apollo, w, url("organizationLocations[]=texas"))).containsExactlyInAnyOrder("Ada", "Alan", "Grace");
        assertThat(found(apollo, w, url("organizationNotLocations[]=texas", "personTitles[]=ceo"))).containsExactly("Linus");
    }

    @Test
    void requestCompanyNameAndDomainFiltersNarrowTheUrl() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);
        String ceo = url("personTitles[]=ceo");

        assertThat(found(apollo, w, ceo, "exclude_company_name", arr("BANK " + w.tag()))).containsExactly("Ada");
        assertThat(found(apollo, w, ceo, "include_domain_list", arr("HTTPS://acme-" + w.tag() + ".example")))
                .containsExactly("Ada");
        assertThat(found(apollo, w, ceo, "exclude_domain_list", arr("acme-" + w.tag() + ".example"))).containsExactly("Linus");
        assertThat(found(apollo, w, url("personTitles[]=ceo", "qOrganizationDomainsList[]=bank-" + w.tag() + ".example")))
                .containsExactly("Linus");
        assertThat(found(apollo, w, url("personTitles[]=ceo", "qOrganizationDomainsList[]=bank-" + w.tag() + ".example"),
                "include_domain_list", arr("acme-" + w.tag() + ".example"))).isEmpty();
    }

    @Test
    void contactsOfADeletedCompanyAreNotFound() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        success(admin.call("delete_company", keyed("company_uuid", w.bank().path("uuid").asText())));

        assertThat(found(apollo, w, url("personTitles[]=ceo"))).containsExactly("Ada");
        assertThat(success(apollo.call("count_contacts", obj("url", url("personTitles[]=ceo"),
                "include_company_name", w.tag()))).path("count").asLong()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- answers, paging, agreement

    @Test
    void searchCountAndUuidsAgreeOnTheSameUrl() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);
        Map<String, Object> request = obj("url", url("contactEmailStatusV2[]=verified", "personLocations[]=united%20states"),
                "include_company_name", w.tag());

        JsonNode search = success(apollo.call("search_contacts", request));
        JsonNode count = success(apollo.call("count_contacts", request));
        JsonNode uuids = success(apollo.call("get_uuids", request));

        List<String> searched = StreamSupport.stream(search.path("results").spliterator(), false)
                .map(c -> c.path("uuid").asText()).toList();
        assertThat(firstNames(search.path("results"))).containsExactly("Ada", "Grace", "Barbara");
        assertThat(count.path("count").asLong()).isEqualTo(3);
        assertThat(texts(uuids.path("uuids"))).containsExactlyElementsOf(searched);
        assertThat(uuids.path("count").asInt()).isEqualTo(3);
        assertThat(texts(success(apollo.call("get_uuids", with(request, "limit", 2))).path("uuids")))
                .containsExactlyElementsOf(searched.subList(0, 2));
    }

    @Test
    void theSeedsResponseShapeWithMappingSummaryAndUnmappedReasons() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);
        String seedUrl = url("contactEmailStatusV2[]=verified", "personLocations[]=california", "personTitles[]=CEO",
                "organizationNumEmployeesRanges[]=11,50", "page=1", "sortByField=recommendations_score",
                "sortAscending=false");

        JsonNode data = success(apollo.call("search_contacts", obj("url", seedUrl, "include_company_name", w.tag(),
                "limit", 50, "offset", 0, "view", "simple")));

        assertThat(fieldNames(data)).containsExactly("next", "previous", "results", "apollo_url", "mapping_summary",
                "unmapped_categories");
        assertThat(data.path("apollo_url").asText()).isEqualTo(seedUrl);
        assertThat(data.path("results")).hasSize(1);
        JsonNode ada = data.path("results").get(0);
        assertThat(fieldNames(ada)).containsExactly("uuid", "first_name", "last_name", "title", "company", "email",
                "email_status", "created_at", "updated_at");
        assertThat(ada.path("uuid").asText()).isEqualTo(w.uuid("Ada"));
        assertThat(ada.path("company").asText()).isEqualTo("Acme " + w.tag());
        JsonNode summary = data.path("mapping_summary");
        assertThat(summary.path("total_apollo_parameters").asInt()).isEqualTo(7);
        assertThat(texts(summary.path("mapped_parameter_names"))).containsExactly("contactEmailStatusV2[]",
                "personLocations[]", "personTitles[]", "organizationNumEmployeesRanges[]");
        assertThat(texts(summary.path("unmapped_parameter_names"))).containsExactly("page", "sortByField", "sortAscending");
        assertThat(summary.path("mapped_parameters").asInt()).isEqualTo(4);
        assertThat(summary.path("unmapped_parameters").asInt()).isEqualTo(3);
        List<String> categories = StreamSupport.stream(data.path("unmapped_categories").spliterator(), false)
                .map(c -> c.path("name").asText()).toList();
        assertThat(categories).containsExactly("Pagination", "Sorting");
        JsonNode sorting = data.path("unmapped_categories").get(1);
        assertThat(sorting.path("total_parameters").asInt()).isEqualTo(2);
        assertThat(sorting.path("parameters").get(0).path("name").asText()).isEqualTo("sortByField");
        assertThat(texts(sorting.path("parameters").get(0).path("values"))).containsExactly("recommendations_score");
        assertThat(sorting.path("parameters").get(0).path("reason").asText()).isNotBlank();
        assertThat(fieldNames(sorting.path("parameters").get(0))).containsExactly("name", "values", "category", "reason");

        JsonNode full = success(apollo.call("search_contacts", obj("url", seedUrl, "include_company_name", w.tag())));
        assertThat(full.path("results").get(0).path("company").path("uuid").asText()).isEqualTo(w.acme().path("uuid").asText());
    }

    @Test
    void pagesByLimitOffsetCursorAndTheUrlsPageAndWithoutLimitAnswersAll() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);
        String everyone = url("personLocations[]=n");
        List<String> all = found(apollo, w, everyone);
        assertThat(all).containsExactly("Ada", "Alan", "Grace", "Linus", "Barbara", "Ken");

        JsonNode first = success(apollo.call("search_contacts", obj("url", everyone, "include_company_name", w.tag(), "limit", 4)));
        assertThat(firstNames(first.path("results"))).containsExactlyElementsOf(all.subList(0, 4));
        assertThat(first.path("previous").isNull()).isTrue();
        JsonNode second = success(apollo.call("search_contacts", obj("url", everyone, "include_company_name", w.tag(),
                "cursor", first.path("next").asText())));
        assertThat(firstNames(second.path("results"))).containsExactlyElementsOf(all.subList(4, 6));
        assertThat(second.path("next").isNull()).isTrue();
        JsonNode back = success(apollo.call("search_contacts", obj("url", everyone, "include_company_name", w.tag(),
                "cursor", second.path("previous").asText())));
        assertThat(firstNames(back.path("results"))).containsExactlyElementsOf(all.subList(0, 4));
        assertThat(found(apollo, w, everyone, "limit", 2, "offset", 3)).containsExactlyElementsOf(all.subList(3, 5));
        assertThat(found(apollo, w, url("personLocations[]=n", "page=3"), "limit", 2)).containsExactlyElementsOf(all.subList(4, 6));

        assertError(apollo.call("search_contacts", obj("url", url("personTitles[]=ceo"), "include_company_name", w.tag(),
                "cursor", first.path("next").asText())), "invalid_cursor");
        assertError(apollo.call("search_contacts", obj("url", everyone, "cursor", "bm90LWEtY3Vyc29y")), "invalid_cursor");
    }

    @Test
    void sortsWhereAMappingExists() {
        WsClient admin = admin();
        World w = world(admin);
        WsClient apollo = apollo(admin);

        assertThat(found(apollo, w, url("personLocations[]=n", "sortByField=person_name.raw", "sortAscending=true")))
                .containsExactly("Grace", "Barbara", "Ada", "Ken", "Linus", "Alan");
        JsonNode data = success(apollo.call("search_contacts", obj("url",
                url("personLocations[]=n", "sortByField=sanitized_organization_name_unanalyzed"), "include_company_name", w.tag())));
        assertThat(firstNames(data.path("results")).subList(0, 3)).containsExactlyInAnyOrder("Linus", "Barbara", "Ken");
        assertThat(texts(data.path("mapping_summary").path("mapped_parameter_names"))).contains("sortByField");
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badUrlsAndValuesAreClearErrors() {
        WsClient admin = admin();
        WsClient apollo = apollo(admin);

        assertError(apollo.call("search_contacts", obj()), "missing_field");
        assertError(apollo.call("count_contacts", obj("url", "https://app.apollo.io.example.com/#/people?personTitles[]=CEO")),
                "validation_error");
        assertError(apollo.call("get_uuids", obj("url", "https://notapollo.io/#/people?personTitles[]=CEO")), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", url("organizationNumEmployeesRanges[]=-5,10"))), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", url("organizationNumEmployeesRanges[]=50,10"))), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", url("revenueRange[min]=-1"))), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", url("organizationIndustryTagIds[]=000000000000000000000000"))),
                "validation_error");
        assertError(apollo.call("search_contacts", obj("url", url("personTitles[]=ceo"), "view", "fancy")), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", url("personTitles[]=ceo"), "limit", 0)), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", url("personTitles[]=ceo"), "unknown", 1)), "validation_error");
        assertError(apollo.call("count_contacts", obj("url", url("personTitles[]=ceo"), "limit", 5)), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", obj("$ne", "x"))), "validation_error");
        // Only filters Beacon cannot apply: answering with every contact would be an unfiltered scan.
        assertError(apollo.call("search_contacts", obj("url", url("qOrganizationSearchListId=5f1d4c3b2a1908f7e6d5c4b3"))),
                "validation_error");
        String repeated = IntStream.range(0, 1_500).mapToObj(i -> "personTitles[]=a").collect(Collectors.joining("&"));
        assertError(apollo.call("search_contacts", obj("url", PEOPLE + repeated)), "validation_error");
        assertError(apollo.call("search_contacts", obj("url", PEOPLE + "qKeywords=" + "x".repeat(20_000))), "validation_error");
        // The connection survives all of it.
        assertThat(success(apollo.call("count_contacts", obj("url", url("qPersonName=nobody-" + unique("x"))))).path("count").asLong())
                .isZero();
    }

    @Test
    void readersOfAnyRoleMaySearchButNotWithoutAToken() {
        WsClient admin = admin();
        World w = world(admin);
        JsonNode registered = rest().register(unique("reader") + "@scenarios.beacon.test", "reader-password-1", "Reader");
        WsClient reader = connectApollo(registered.path("access_token").asText());

        assertThat(success(reader.call("count_contacts", obj("url", url("personTitles[]=ceo"), "include_company_name", w.tag())))
                .path("count").asLong()).isEqualTo(2);
        assertThat(WsClient.refusedHandshakeStatus(URI.create("ws://localhost:" + port + "/api/v2/apollo/ws"), Map.of()))
                .isEqualTo(401);
    }

}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.beacon.gateway.it.PageUrls.cursorOf;
import static io.beacon.gateway.it.PageUrls.queryParameters;

/**
 * The company contact reads of seed 000, end to end over a real WebSocket: {@code list_company_contacts},
 * {@code count_company_contacts}, {@code get_company_contact_uuids} and the six attribute lookups, on
 * contacts written with {@code create_contact}. Each concrete subclass runs every scenario on one store;
 * every scenario makes its own companies, so reads scoped to a company never see another scenario's data.
 */
abstract class ContactReadScenarios extends BeaconScenarioSupport {

    /**
     * The contact's fields in wire order: the seed's, with the four phones, stage, whether its personal data
     * was erased, and version.
     */
    private static final List<String> CONTACT_FIELDS = List.of("id", "uuid", "first_name", "last_name", "email",
            "title", "seniority", "departments", "email_status", "work_direct_phone", "home_phone", "mobile_phone",
            "other_phone", "stage", "company", "metadata", "personal_data_erased", "version", "created_at", "updated_at");
    private static final List<String> METADATA_FIELDS = List.of("city", "state", "country", "linkedin_url", "website",
            "facebook_url", "twitter_url");
    private static final List<String> LOOKUPS = List.of("list_company_contact_first_names",
            "list_company_contact_last_names", "list_company_contact_titles", "list_company_contact_seniorities",
            "list_company_contact_departments", "list_company_contact_email_statuses");

    /** A company with four varied contacts (created in this order), and a rival company with one. */
    private record Team(String uuid, String name, JsonNode john, JsonNode jane, JsonNode mike, JsonNode sara,
                        String rivalUuid, JsonNode rivalJohn) {

        Map<String, Object> scope(Object... filters) {
            return with(obj("company_uuid", uuid), filters);
        }
    }

    private Team team(WsClient admin) {
        String tag = unique("team");
        JsonNode company = create(admin, "name", "Team " + tag, "metadata", obj("website", "https://www.team.example"));
        JsonNode rival = create(admin, "name", "Rival " + tag);
        JsonNode john = createContact(admin, company, "first_name", "John", "last_name", "Doe",
                "email", "john.doe@team.example", "title", "Software Engineer", "seniority", "mid",
                "departments", arr("Engineering", "R&D"), "email_status", "verified",
                "work_direct_phone", "+1-415-555-0101", "mobile_phone", "+1-415-555-0199", "stage", "lead",
                "metadata", obj("city", "San Francisco", "state", "CA", "country", "United States",
                        "linkedin_url", "https://linkedin.com/in/johndoe", "website", "https://john.example",
                        "twitter_url", "https://twitter.com/jd"));
        JsonNode jane = createContact(admin, company, "first_name", "Jane", "last_name", "Smith",
                "email", "jane@team.example", "title", "Director of Engineering", "seniority", "senior",
                "departments", arr("Engineering"), "email_status", "unverified", "home_phone", "+1-212-555-0102",
                "other_phone", "+1-212-555-0177", "stage", "customer",
                "metadata", obj("city", "New York", "state", "NY", "country", "United States",
                        "facebook_url", "https://facebook.com/jane"));
        JsonNode mike = createContact(admin, company, "first_name", "Michael", "last_name", "Johnson",
                "title", "VP of Sales", "seniority", "executive", "departments", arr("Sales"), "email_status", "bounced",
                "metadata", obj("city", "Berlin", "state", "Berlin", "country", "Germany"));
        JsonNode sara = createContact(admin, company, "first_name", "Sarah", "last_name", "Doe",
                "email", "sarah@team.example", "title", "Senior Manager", "seniority", "senior",
                "departments", arr("Operations", "Sales"), "email_status", "verified", "stage", "lead");
        JsonNode rivalJohn = createContact(admin, rival, "first_name", "John", "last_name", "Rival",
                "title", "Software Engineer", "seniority", "mid", "departments", arr("Engineering"));
        return new Team(company.path("uuid").asText(), company.path("name").asText(), john, jane, mike, sara,
                rival.path("uuid").asText(), rivalJohn);
    }

    private static JsonNode createContact(WsClient admin, JsonNode company, Object... keysAndValues) {
        return success(admin.call("create_contact",
                with(keyed("company_uuid", company.path("uuid").asText()), keysAndValues)));
    }

    /** {@code list_company_contacts} with these fields (and a page large enough for any test): the first names, in order. */
    private static List<String> firstNames(WsClient client, Map<String, Object> data) {
        return firstNamesOf(success(client.call("list_company_contacts", with(data, "limit", 1000))).path("results"));
    }

    private static List<String> firstNamesOf(JsonNode contacts) {
        return StreamSupport.stream(contacts.spliterator(), false).map(c -> c.path("first_name").asText()).toList();
    }

    private static List<String> uuidsOf(JsonNode... contacts) {
        return java.util.Arrays.stream(contacts).map(c -> c.path("uuid").asText()).toList();
    }

    // ---------------------------------------------------------------- list: shape and scope

    @Test
    void listAnswersTheSeedShapeWithTheCompanysUuidAndName() {
        WsClient admin = admin();
        Team t = team(admin);

        JsonNode data = success(admin.call("list_company_contacts", obj("company_uuid", t.uuid(), "limit", 25, "offset", 0)));

        assertThat(fieldNames(data)).containsExactly("next", "previous", "results");
        assertThat(data.path("next").isNull()).isTrue();
        assertThat(data.path("previous").isNull()).isTrue();
        JsonNode john = data.path("results").get(0);
        assertThat(fieldNames(john)).containsExactlyElementsOf(CONTACT_FIELDS);
        assertThat(fieldNames(john.path("metadata"))).containsExactlyElementsOf(METADATA_FIELDS);
        assertThat(fieldNames(john.path("company"))).containsExactlyInAnyOrder("uuid", "name");
        assertThat(john.path("company").path("uuid").asText()).isEqualTo(t.uuid());
        assertThat(john.path("company").path("name").asText()).isEqualTo(t.name());
        assertThat(john.path("id").asLong()).isEqualTo(t.john().path("id").asLong());
        assertThat(john.path("uuid").asText()).isEqualTo(t.john().path("uuid").asText());
        assertThat(texts(john.path("departments"))).containsExactly("Engineering", "R&D");
        assertThat(john.path("mobile_phone").asText()).isEqualTo("+1-415-555-0199");
        assertThat(john.path("home_phone").isNull()).isTrue();
        assertThat(john.path("metadata").path("linkedin_url").asText()).isEqualTo("https://linkedin.com/in/johndoe");
        assertThat(john.path("version").asLong()).isEqualTo(1);
        assertThat(Instant.parse(john.path("created_at").asText())).isEqualTo(Instant.parse(john.path("updated_at").asText()));
        assertThat(john).isEqualTo(t.john());
        assertThat(firstNamesOf(data.path("results"))).containsExactly("John", "Jane", "Michael", "Sarah");
    }

    @Test
    void aCompanyListsOnlyItsOwnLiveContacts() {
        WsClient admin = admin();
        Team t = team(admin);
        success(admin.call("delete_contact", keyed("contact_uuid", t.jane().path("uuid").asText())));

        assertThat(firstNames(admin, t.scope())).containsExactly("John", "Michael", "Sarah");
        assertThat(firstNames(admin, obj("company_uuid", t.rivalUuid()))).containsExactly("John");
        assertThat(success(admin.call("count_company_contacts", t.scope())).path("count").asLong()).isEqualTo(3);
        assertThat(texts(success(admin.call("get_company_contact_uuids", t.scope())).path("uuids")))
                .containsExactlyElementsOf(uuidsOf(t.john(), t.mike(), t.sara()));
        assertThat(texts(success(admin.call("list_company_contact_first_names", t.scope())).path("results")))
                .containsExactly("John", "Michael", "Sarah");
    }

    @Test
    void writesAreVisibleAtOnceOnAnotherConnectionAndACompanyRenameReachesItsContacts() {
        WsClient admin = admin();
        WsClient reader = user();
        Team t = team(admin);

        success(admin.call("update_contact", keyed("contact_uuid", t.mike().path("uuid").asText(), "first_name", "Mick")));
        assertThat(firstNames(reader, t.scope())).containsExactly("John", "Jane", "Mick", "Sarah");

        success(admin.call("update_company", keyed("company_uuid", t.uuid(), "name", t.name() + " Renamed")));
        JsonNode results = success(reader.call("list_company_contacts", t.scope())).path("results");
        assertThat(results).hasSize(4).allSatisfy(contact ->
                assertThat(contact.path("company").path("name").asText()).isEqualTo(t.name() + " Renamed"));
        assertThat(success(reader.call("list_company_contacts", obj("company_uuid", t.rivalUuid())))
                .path("results").get(0).path("company").path("name").asText()).startsWith("Rival ");
    }

    // ---------------------------------------------------------------- filters

    @Test
    void textFiltersMatchCaseInsensitiveSubstrings() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(firstNames(admin, t.scope("first_name", "JOHN"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("last_name", "doe"))).containsExactly("John", "Sarah");
        assertThat(firstNames(admin, t.scope("email", "@TEAM.example"))).containsExactly("John", "Jane", "Sarah");
        assertThat(firstNames(admin, t.scope("work_direct_phone", "555-0101"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("home_phone", "212-555"))).containsExactly("Jane");
        assertThat(firstNames(admin, t.scope("mobile_phone", "0199"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("other_phone", "0177"))).containsExactly("Jane");
        assertThat(firstNames(admin, t.scope("city", "new YORK"))).containsExactly("Jane");
        assertThat(firstNames(admin, t.scope("state", "berl"))).containsExactly("Michael");
        assertThat(firstNames(admin, t.scope("country", "united"))).containsExactly("John", "Jane");
        assertThat(firstNames(admin, t.scope("person_linkedin_url", "in/johndoe"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("website", "JOHN.example"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("facebook_url", "facebook.com"))).containsExactly("Jane");
        assertThat(firstNames(admin, t.scope("twitter_url", "twitter.com/jd"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("stage", "LEAD"))).containsExactly("John", "Sarah");
        assertThat(firstNames(admin, t.scope("title", "engineer"))).containsExactly("John", "Jane");
        assertThat(firstNames(admin, t.scope("contact_location", "germany"))).containsExactly("Michael");
        assertThat(firstNames(admin, t.scope("first_name", "Nobody"))).isEmpty();
    }

    @Test
    void textFiltersMatchTheLiteralTextNotAPattern() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(firstNames(admin, t.scope("first_name", "j.hn"))).isEmpty();
        assertThat(firstNames(admin, t.scope("first_name", ".*"))).isEmpty();
        assertThat(firstNames(admin, t.scope("email", "john.doe"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("search", "^j"))).isEmpty();
        assertThat(firstNames(admin, t.scope("title", "["))).isEmpty();
        assertThat(firstNames(admin, t.scope("department", "r&d"))).containsExactly("John");
    }

    @Test
    void multiValueFiltersMatchAnyValueWhetherCommaStringOrArray() {
        WsClient admin = admin();
        Team t = team(admin);
        Object[][] pairs = {
                {"title", "sales,MANAGER", arr("sales", "MANAGER"), List.of("Michael", "Sarah")},
                {"seniority", "mid,executive", arr("mid", "executive"), List.of("John", "Michael")},
                {"department", "sales,r&d", arr("sales", "r&d"), List.of("John", "Michael", "Sarah")},
                {"email_status", "verified,bounced", arr("verified", "bounced"), List.of("John", "Michael", "Sarah")},
                {"contact_location", "germany,NY", arr("germany", "NY"), List.of("Jane", "Michael")},
        };

        for (Object[] pair : pairs) {
            assertThat(firstNames(admin, t.scope(pair[0], pair[1]))).as("%s as a string", pair[0]).isEqualTo(pair[3]);
            assertThat(firstNames(admin, t.scope(pair[0], pair[2]))).as("%s as an array", pair[0]).isEqualTo(pair[3]);
        }
        // Seniorities, departments and e-mail statuses are whole values: "verified" is not "unverified".
        assertThat(firstNames(admin, t.scope("email_status", "verified"))).containsExactly("John", "Sarah");
        assertThat(firstNames(admin, t.scope("seniority", "SENIOR"))).containsExactly("Jane", "Sarah");
        assertThat(firstNames(admin, t.scope("department", "engineer"))).isEmpty();
    }

    @Test
    void exclusionFiltersRemoveContactsHavingAnyOfTheValues() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(firstNames(admin, t.scope("exclude_titles", arr("engineer")))).containsExactly("Michael", "Sarah");
        assertThat(firstNames(admin, t.scope("exclude_titles", "engineer,manager"))).containsExactly("Michael");
        assertThat(firstNames(admin, t.scope("exclude_contact_locations", arr("United States"))))
                .containsExactly("Michael", "Sarah");
        assertThat(firstNames(admin, t.scope("exclude_seniorities", arr("senior", "MID")))).containsExactly("Michael");
        assertThat(firstNames(admin, t.scope("exclude_departments", arr("sales")))).containsExactly("John", "Jane");
        assertThat(firstNames(admin, t.scope("exclude_departments", arr("sales", "engineering")))).isEmpty();
    }

    @Test
    void searchMatchesAnyDescriptiveField() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(firstNames(admin, t.scope("search", "john"))).containsExactly("John", "Michael");
        assertThat(firstNames(admin, t.scope("search", "Jane Smith"))).containsExactly("Jane");
        assertThat(firstNames(admin, t.scope("search", "OPERATIONS"))).containsExactly("Sarah");
        assertThat(firstNames(admin, t.scope("search", "bounced"))).containsExactly("Michael");
        assertThat(firstNames(admin, t.scope("search", "san francisco"))).containsExactly("John");
        assertThat(firstNames(admin, t.scope("search", "no such words"))).isEmpty();
    }

    @Test
    void filtersOfDifferentKindsCombine() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(firstNames(admin, t.scope("title", "engineer", "seniority", "senior"))).containsExactly("Jane");
        assertThat(firstNames(admin, t.scope("last_name", "doe", "department", arr("Sales"), "search", "sarah")))
                .containsExactly("Sarah");
    }

    @Test
    void createdAndUpdatedRangesAreInclusiveAndAcceptZonedLocalAndBareDates() {
        WsClient admin = admin();
        Team t = team(admin);
        Instant janeCreated = Instant.parse(t.jane().path("created_at").asText());
        JsonNode mikeUpdated = success(admin.call("update_contact",
                keyed("contact_uuid", t.mike().path("uuid").asText(), "stage", "won")));
        Instant mikeChanged = Instant.parse(mikeUpdated.path("updated_at").asText());
        String local = janeCreated.toString().replace("Z", "");

        assertThat(firstNames(admin, t.scope("created_at_after", janeCreated.toString()))).containsExactly("Jane", "Michael", "Sarah");
        assertThat(firstNames(admin, t.scope("created_at_before", janeCreated.toString()))).containsExactly("John", "Jane");
        assertThat(firstNames(admin, t.scope("created_at_after", local))).containsExactly("Jane", "Michael", "Sarah");
        assertThat(firstNames(admin, t.scope("created_at_after", "2000-01-01", "created_at_before", "2999-12-31T00:00:00+02:00")))
                .containsExactly("John", "Jane", "Michael", "Sarah");
        assertThat(firstNames(admin, t.scope("updated_at_after", mikeChanged.toString()))).containsExactly("Michael");
        assertThat(firstNames(admin, t.scope("updated_at_before", mikeChanged.minusMillis(1).toString())))
                .containsExactly("John", "Jane", "Sarah");
        assertError(admin.call("list_company_contacts", t.scope("created_at_after", "yesterday")), "validation_error");
        assertError(admin.call("list_company_contacts", t.scope("created_at_after", "2030-01-01",
                "created_at_before", "2020-01-01")), "validation_error");
    }

    // ---------------------------------------------------------------- ordering

    @Test
    void orderingSortsByEveryGivenFieldAndDirectionWithTiesBrokenById() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(firstNames(admin, t.scope("ordering", "last_name"))).containsExactly("John", "Sarah", "Michael", "Jane");
        assertThat(firstNames(admin, t.scope("ordering", "-last_name"))).containsExactly("Jane", "Michael", "John", "Sarah");
        assertThat(firstNames(admin, t.scope("ordering", "seniority,-first_name"))).containsExactly("Michael", "John", "Sarah", "Jane");
        assertThat(firstNames(admin, t.scope("ordering", "-id"))).containsExactly("Sarah", "Michael", "Jane", "John");
        assertThat(firstNames(admin, t.scope("ordering", "-created_at"))).containsExactly("Sarah", "Michael", "Jane", "John");
        assertThat(firstNames(admin, t.scope("ordering", "country,city"))).containsExactly("Sarah", "Michael", "Jane", "John");
        assertError(admin.call("list_company_contacts", t.scope("ordering", "-password")), "validation_error");
        assertError(admin.call("list_company_contacts", t.scope("ordering", "employees_count")), "validation_error");
    }

    // ---------------------------------------------------------------- pagination

    /** A company with seven contacts {@code P1} … {@code P7}, created in that order. */
    private String seven(WsClient admin) {
        JsonNode company = create(admin, "name", unique("Seven"));
        IntStream.rangeClosed(1, 7).forEach(i -> createContact(admin, company, "first_name", "P" + i));
        return company.path("uuid").asText();
    }

    private static List<String> people(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(i -> "P" + i).toList();
    }

    @Test
    void limitAndOffsetSelectASlice() {
        WsClient admin = admin();
        String company = seven(admin);

        JsonNode first = success(admin.call("list_company_contacts", obj("company_uuid", company, "limit", 3)));
        JsonNode middle = success(admin.call("list_company_contacts", obj("company_uuid", company, "limit", 3, "offset", 3)));
        JsonNode last = success(admin.call("list_company_contacts", obj("company_uuid", company, "limit", 3, "offset", 6)));

        assertThat(firstNamesOf(first.path("results"))).containsExactlyElementsOf(people(1, 2, 3));
        assertThat(first.path("previous").isNull()).isTrue();
        assertThat(first.path("next").asText()).startsWith("http://localhost:" + port + "/api/v1/companies/company/"
                + company + "/contacts/?cursor=");
        assertThat(firstNamesOf(middle.path("results"))).containsExactlyElementsOf(people(4, 5, 6));
        assertThat(middle.path("previous").isTextual()).isTrue();
        assertThat(firstNamesOf(last.path("results"))).containsExactlyElementsOf(people(7));
        assertThat(last.path("next").isNull()).isTrue();
        assertThat(success(admin.call("list_company_contacts", obj("company_uuid", company, "offset", 7))).path("results")).isEmpty();
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "limit", 0)), "validation_error");
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "limit", 1001)), "validation_error");
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "offset", -1)), "validation_error");
    }

    @Test
    void pageAndPageSizeCountPagesFromOne() {
        WsClient admin = admin();
        String company = seven(admin);

        JsonNode page1 = success(admin.call("list_company_contacts", obj("company_uuid", company, "page", 1, "page_size", 3)));
        JsonNode page3 = success(admin.call("list_company_contacts", obj("company_uuid", company, "page", 3, "page_size", 3)));

        assertThat(firstNamesOf(page1.path("results"))).containsExactlyElementsOf(people(1, 2, 3));
        assertThat(firstNamesOf(page3.path("results"))).containsExactlyElementsOf(people(7));
        assertThat(page3.path("next").isNull()).isTrue();
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "page", 0, "page_size", 3)), "validation_error");
    }

    @Test
    void cursorWalksForwardToTheEndAndBackWithoutGapsOrDuplicates() {
        WsClient admin = admin();
        String company = seven(admin);
        Map<String, Object> query = obj("company_uuid", company, "ordering", "-id");

        List<List<String>> forward = new ArrayList<>();
        JsonNode page = success(admin.call("list_company_contacts", with(query, "limit", 2)));
        forward.add(firstNamesOf(page.path("results")));
        while (!page.path("next").isNull()) {
            page = success(admin.call("list_company_contacts", with(query, "cursor", cursorOf(page.path("next").asText()))));
            forward.add(firstNamesOf(page.path("results")));
        }
        List<List<String>> backward = new ArrayList<>();
        backward.add(firstNamesOf(page.path("results")));
        while (!page.path("previous").isNull()) {
            page = success(admin.call("list_company_contacts", with(query, "cursor", cursorOf(page.path("previous").asText()))));
            backward.add(0, firstNamesOf(page.path("results")));
        }

        assertThat(forward.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(people(7, 6, 5, 4, 3, 2, 1));
        assertThat(forward).hasSize(4);
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void nextIsBuiltFromRequestUrlKeepingItsParameters() {
        WsClient admin = admin();
        String company = seven(admin);
        String requestUrl = "https://beacon.example.com/api/v1/companies/company/" + company + "/contacts/?limit=3&cursor=stale";

        JsonNode first = success(admin.call("list_company_contacts",
                obj("company_uuid", company, "limit", 3, "request_url", requestUrl)));
        URI next = URI.create(first.path("next").asText());

        assertThat(next.getHost()).isEqualTo("beacon.example.com");
        assertThat(next.getPath()).isEqualTo("/api/v1/companies/company/" + company + "/contacts/");
        assertThat(queryParameters(next)).containsEntry("limit", List.of("3"));
        assertThat(queryParameters(next).get("cursor")).hasSize(1).doesNotContain("stale");
        JsonNode second = success(admin.call("list_company_contacts", obj("company_uuid", company, "cursor", cursorOf(next.toString()))));
        assertThat(firstNamesOf(second.path("results"))).containsExactlyElementsOf(people(4, 5, 6));
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "request_url", "ftp://x")), "validation_error");
    }

    @Test
    void garbageOrForeignCursorsAreInvalidCursor() {
        WsClient admin = admin();
        String company = seven(admin);
        String other = seven(admin);
        JsonNode first = success(admin.call("list_company_contacts", obj("company_uuid", company, "limit", 2)));
        String cursor = cursorOf(first.path("next").asText());

        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "cursor", "not-a-cursor")), "invalid_cursor");
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "cursor", cursor + "x")), "invalid_cursor");
        assertError(admin.call("list_company_contacts", obj("company_uuid", other, "cursor", cursor)), "invalid_cursor");
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "cursor", cursor, "first_name", "P")), "invalid_cursor");
        assertError(admin.call("list_company_contacts", obj("company_uuid", company, "cursor", cursor, "ordering", "-id")), "invalid_cursor");
    }

    @Test
    void distinctIsAcceptedAndNeverRepeatsAContact() {
        WsClient admin = admin();
        Team t = team(admin);

        List<String> distinct = firstNames(admin, t.scope("distinct", true));
        assertThat(distinct).containsExactly("John", "Jane", "Michael", "Sarah");
        assertThat(success(admin.call("count_company_contacts", t.scope("distinct", true))).path("count").asLong()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- count and uuids

    @Test
    void countMatchesTheListedContacts() {
        WsClient admin = admin();
        Team t = team(admin);
        List<Map<String, Object>> filters = List.of(t.scope(), t.scope("title", "engineer"),
                t.scope("department", arr("Sales")), t.scope("exclude_seniorities", arr("senior")),
                t.scope("search", "nothing matches this"));

        for (Map<String, Object> filter : filters) {
            long count = success(admin.call("count_company_contacts", filter)).path("count").asLong();
            assertThat(count).as("count of %s", filter).isEqualTo(firstNames(admin, filter).size());
        }
        assertThat(success(admin.call("count_company_contacts", t.scope("title", "engineer"))).path("count").asLong()).isEqualTo(2);
    }

    @Test
    void uuidsWithoutLimitAreEveryMatchInOrderAndWithLimitCountOnlyThoseReturned() {
        WsClient admin = admin();
        Team t = team(admin);

        JsonNode all = success(admin.call("get_company_contact_uuids", t.scope()));
        JsonNode ordered = success(admin.call("get_company_contact_uuids", t.scope("ordering", "last_name")));
        JsonNode limited = success(admin.call("get_company_contact_uuids", t.scope("ordering", "-id", "limit", 2)));
        JsonNode filtered = success(admin.call("get_company_contact_uuids", t.scope("title", "engineer", "limit", 100)));

        assertThat(texts(all.path("uuids"))).containsExactlyElementsOf(uuidsOf(t.john(), t.jane(), t.mike(), t.sara()));
        assertThat(all.path("count").asLong()).isEqualTo(4);
        assertThat(texts(ordered.path("uuids"))).containsExactlyElementsOf(uuidsOf(t.john(), t.sara(), t.mike(), t.jane()));
        assertThat(texts(limited.path("uuids"))).containsExactlyElementsOf(uuidsOf(t.sara(), t.mike()));
        assertThat(limited.path("count").asLong()).isEqualTo(2);
        assertThat(texts(filtered.path("uuids"))).containsExactlyElementsOf(uuidsOf(t.john(), t.jane()));
        assertThat(filtered.path("count").asLong()).isEqualTo(2);
        assertError(admin.call("get_company_contact_uuids", t.scope("limit", 0)), "validation_error");
    }

    // ---------------------------------------------------------------- attribute lookups

    private static List<String> lookup(WsClient client, String action, Map<String, Object> data) {
        return texts(success(client.call(action, data)).path("results"));
    }

    @Test
    void eachLookupListsItsAttributesDistinctValuesInValueOrder() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(lookup(admin, "list_company_contact_first_names", t.scope())).containsExactly("Jane", "John", "Michael", "Sarah");
        assertThat(lookup(admin, "list_company_contact_last_names", t.scope())).containsExactly("Doe", "Johnson", "Smith");
        assertThat(lookup(admin, "list_company_contact_titles", t.scope()))
                .containsExactly("Director of Engineering", "Senior Manager", "Software Engineer", "VP of Sales");
        assertThat(lookup(admin, "list_company_contact_seniorities", t.scope())).containsExactly("executive", "mid", "senior");
        assertThat(lookup(admin, "list_company_contact_departments", t.scope()))
                .containsExactly("Engineering", "Operations", "R&D", "Sales");
        assertThat(lookup(admin, "list_company_contact_email_statuses", t.scope()))
                .containsExactly("bounced", "unverified", "verified");
    }

    @Test
    void lookupsSearchOrderSliceAndRepeatOnRequest() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(lookup(admin, "list_company_contact_first_names", t.scope("search", "j", "limit", 25, "distinct", true)))
                .containsExactly("Jane", "John");
        assertThat(lookup(admin, "list_company_contact_titles", t.scope("search", "ENGINEER")))
                .containsExactly("Director of Engineering", "Software Engineer");
        assertThat(lookup(admin, "list_company_contact_titles", t.scope("search", ".*"))).isEmpty();
        assertThat(lookup(admin, "list_company_contact_last_names", t.scope("ordering", "-value")))
                .containsExactly("Smith", "Johnson", "Doe");
        assertThat(lookup(admin, "list_company_contact_last_names", t.scope("ordering", "-count")))
                .containsExactly("Doe", "Johnson", "Smith");
        assertThat(lookup(admin, "list_company_contact_last_names", t.scope("ordering", "count")))
                .containsExactly("Johnson", "Smith", "Doe");
        assertThat(lookup(admin, "list_company_contact_departments", t.scope("ordering", "-count")))
                .containsExactly("Engineering", "Sales", "Operations", "R&D");
        assertThat(lookup(admin, "list_company_contact_last_names", t.scope("distinct", false)))
                .containsExactly("Doe", "Doe", "Johnson", "Smith");
        assertThat(lookup(admin, "list_company_contact_email_statuses", t.scope("distinct", false, "ordering", "-count")))
                .containsExactly("verified", "verified", "bounced", "unverified");
        assertThat(lookup(admin, "list_company_contact_first_names", t.scope("offset", 1, "limit", 2)))
                .containsExactly("John", "Michael");
        assertError(admin.call("list_company_contact_first_names", t.scope("ordering", "name")), "validation_error");
        assertError(admin.call("list_company_contact_first_names", t.scope("limit", 0)), "validation_error");
    }

    @Test
    void lookupsHonourEveryContactFilter() {
        WsClient admin = admin();
        Team t = team(admin);

        assertThat(lookup(admin, "list_company_contact_first_names", t.scope("seniority", "senior"))).containsExactly("Jane", "Sarah");
        assertThat(lookup(admin, "list_company_contact_departments", t.scope("title", "engineer")))
                .containsExactly("Engineering", "R&D");
        assertThat(lookup(admin, "list_company_contact_seniorities", t.scope("exclude_departments", arr("sales"))))
                .containsExactly("mid", "senior");
        assertThat(lookup(admin, "list_company_contact_email_statuses", t.scope("contact_location", "united states")))
                .containsExactly("unverified", "verified");
        assertThat(lookup(admin, "list_company_contact_titles", obj("company_uuid", t.rivalUuid())))
                .containsExactly("Software Engineer");
    }

    // ---------------------------------------------------------------- errors

    @Test
    void everyActionNeedsACompanyThatExists() {
        WsClient admin = admin();
        JsonNode doomed = create(admin, "name", unique("Doomed"));
        createContact(admin, doomed, "first_name", "Gone");
        success(admin.call("delete_company", keyed("company_uuid", doomed.path("uuid").asText())));
        List<String> actions = new ArrayList<>(List.of("list_company_contacts", "count_company_contacts",
                "get_company_contact_uuids"));
        actions.addAll(LOOKUPS);

        for (String action : actions) {
            JsonNode missing = admin.call(action, obj("title", "x"));
            assertError(missing, "missing_field");
            assertThat(missing.path("error").path("message").asText()).contains("company_uuid");
            assertError(admin.call(action, obj("company_uuid", UUID.randomUUID().toString())), "not_found");
            assertError(admin.call(action, obj("company_uuid", doomed.path("uuid").asText())), "not_found");
            assertError(admin.call(action, obj("company_uuid", "not-a-uuid")), "validation_error");
        }
    }

    @Test
    void unknownFieldsAreValidationErrorsNamingThem() {
        WsClient admin = admin();
        Team t = team(admin);

        JsonNode list = admin.call("list_company_contacts", t.scope("frist_name", "John", "colour", "red"));
        JsonNode count = admin.call("count_company_contacts", t.scope("limit", 5));
        JsonNode uuids = admin.call("get_company_contact_uuids", t.scope("offset", 5));
        JsonNode lookup = admin.call("list_company_contact_titles", t.scope("separated", true));
        JsonNode companyFilter = admin.call("list_company_contacts", t.scope("industries", "Software"));

        assertError(list, "validation_error");
        assertThat(list.path("error").path("message").asText()).contains("frist_name", "colour");
        assertError(count, "validation_error");
        assertThat(count.path("error").path("message").asText()).contains("limit");
        assertError(uuids, "validation_error");
        assertThat(uuids.path("error").path("message").asText()).contains("offset");
        assertError(lookup, "validation_error");
        assertThat(lookup.path("error").path("message").asText()).contains("separated");
        assertError(companyFilter, "validation_error");
        assertThat(companyFilter.path("error").path("message").asText()).contains("industries");
    }

    @Test
    void objectsWhereValuesAreExpectedAndWrongTypesAreValidationErrors() {
        WsClient admin = admin();
        Team t = team(admin);
        List<Object[]> requests = List.<Object[]>of(
                new Object[]{"list_company_contacts", t.scope("first_name", obj("$regex", ".*"))},
                new Object[]{"list_company_contacts", t.scope("title", obj("$ne", null))},
                new Object[]{"list_company_contacts", t.scope("department", arr("Sales", obj("$gt", "")))},
                new Object[]{"list_company_contacts", obj("company_uuid", obj("$ne", null))},
                new Object[]{"count_company_contacts", t.scope("city", obj("$exists", true))},
                new Object[]{"get_company_contact_uuids", t.scope("search", obj("$where", "true"))},
                new Object[]{"list_company_contact_titles", t.scope("search", obj("$regex", "e"))},
                new Object[]{"list_company_contacts", t.scope("limit", "ten")},
                new Object[]{"list_company_contacts", t.scope("limit", 2.5)},
                new Object[]{"list_company_contacts", t.scope("seniority", 5)},
                new Object[]{"list_company_contacts", t.scope("distinct", "yes")},
                new Object[]{"list_company_contacts", obj("company_uuid", 42)},
                new Object[]{"list_company_contact_departments", t.scope("offset", "1")});

        for (Object[] request : requests) {
            assertError(admin.call((String) request[0], request[1]), "validation_error");
        }
        assertThat(firstNames(admin, t.scope())).hasSize(4);
    }

    // ---------------------------------------------------------------- helpers

}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The eight attribute lookups of seed 000 ({@code list_company_names} … {@code list_company_addresses}),
 * end to end. Every scenario creates its own companies whose values embed a tag no other test uses,
 * and scopes its lookups to them: by {@code search} on the tag (answered from the value counts) or by
 * a {@code name} filter plus another company filter (answered from the companies).
 */
abstract class AttributeLookupScenarios extends BeaconScenarioSupport {

    private static final List<String> LOOKUPS = List.of("list_company_names", "list_industries", "list_keywords",
            "list_technologies", "list_company_cities", "list_company_states", "list_company_countries",
            "list_company_addresses");

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TokenStore tokenStore;

    // ---------------------------------------------------------------- values and counts

    @Test
    void everyLookupListsEachValueOfTheLiveCompaniesOnceInValueOrder() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        assertThat(values(admin, "list_company_names", t)).containsExactly(t + " Alpha", t + " beta", t + " Gamma");
        assertThat(values(admin, "list_industries", t, "separated", true)).containsExactly(t + "-Soft", t + "-Tech");
        assertThat(values(admin, "list_keywords", t, "separated", true)).containsExactly(t + "-cloud", t + "-saas");
        assertThat(values(admin, "list_technologies", t, "separated", true)).containsExactly(t + "-AWS", t + "-Python");
        assertThat(values(admin, "list_company_cities", t)).containsExactly(t + " City One", t + " City Two");
        assertThat(values(admin, "list_company_states", t)).containsExactly(t + "-CA", t + "-NY");
        assertThat(values(admin, "list_company_countries", t)).containsExactly(t + "-Land", t + "-Other");
        assertThat(values(admin, "list_company_addresses", t)).containsExactly(t + " 1 Main St", t + " 2 Side St");
    }

    @Test
    void theAnswerHoldsOnlyResults() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        for (String action : LOOKUPS) {
            JsonNode data = success(admin.call(action, obj("search", t)));
            assertThat(data.size()).as(action).isEqualTo(1);
            assertThat(data.path("results").isArray()).as(action).isTrue();
            assertThat(data.path("results").size()).as(action).isPositive();
        }
    }

    @Test
    void listAttributesAreWholeListsUnlessSeparated() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        JsonNode whole = success(admin.call("list_industries", obj("search", t))).path("results");
        assertThat(lists(whole)).containsExactly(List.of(t + "-Soft", t + "-Tech"), List.of(t + "-Tech"),
                List.of(t + "-Tech", t + "-Soft"));
        JsonNode explicit = success(admin.call("list_industries", obj("search", t, "separated", false))).path("results");
        assertThat(explicit).isEqualTo(whole);
        assertThat(lists(success(admin.call("list_keywords", obj("search", t))).path("results")))
                .containsExactly(List.of(t + "-cloud"), List.of(t + "-cloud", t + "-cloud"),
                        List.of(t + "-saas", t + "-cloud"));
        assertThat(lists(success(admin.call("list_technologies", obj("search", t, "ordering", "-count"))).path("results")))
                .containsExactly(List.of(t + "-Python"), List.of(t + "-Python", t + "-AWS"));
    }

    @Test
    void withoutDistinctAValueIsListedOncePerCompanyHavingIt() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        assertThat(values(admin, "list_company_states", t, "distinct", false)).containsExactly(t + "-CA", t + "-CA", t + "-NY");
        assertThat(values(admin, "list_company_states", t, "distinct", true)).containsExactly(t + "-CA", t + "-NY");
        // A company naming a keyword twice has it once.
        assertThat(values(admin, "list_keywords", t, "separated", true, "distinct", false))
                .containsExactly(t + "-cloud", t + "-cloud", t + "-cloud", t + "-saas");
        assertThat(values(admin, "list_industries", t, "separated", true, "distinct", false, "ordering", "-count",
                "offset", 2, "limit", 2)).containsExactly(t + "-Tech", t + "-Soft");
    }

    @Test
    void orderingByValueOrCountBothWaysWithTiesBrokenByValue() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        assertThat(values(admin, "list_company_names", t, "ordering", "value"))
                .containsExactly(t + " Alpha", t + " beta", t + " Gamma");
        assertThat(values(admin, "list_company_names", t, "ordering", "-value"))
                .containsExactly(t + " Gamma", t + " beta", t + " Alpha");
        assertThat(values(admin, "list_company_cities", t, "ordering", "-count")).containsExactly(t + " City One", t + " City Two");
        assertThat(values(admin, "list_company_cities", t, "ordering", "count")).containsExactly(t + " City Two", t + " City One");
        assertThat(values(admin, "list_industries", t, "separated", true, "ordering", "-count"))
                .containsExactly(t + "-Tech", t + "-Soft");
        // Equal counts: by value, ascending, whichever way counts go.
        assertThat(values(admin, "list_company_names", t, "ordering", "-count"))
                .containsExactly(t + " Alpha", t + " beta", t + " Gamma");
        assertThat(values(admin, "list_company_addresses", t, "ordering", "count")).containsExactly(t + " 1 Main St", t + " 2 Side St");
    }

    @Test
    void limitAndOffsetSliceTheValues() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        assertThat(values(admin, "list_company_names", t, "limit", 2)).containsExactly(t + " Alpha", t + " beta");
        assertThat(values(admin, "list_company_names", t, "limit", 2, "offset", 2)).containsExactly(t + " Gamma");
        assertThat(values(admin, "list_company_names", t, "offset", 3)).isEmpty();
        assertThat(values(admin, "list_company_names", t, "offset", 1, "limit", 1)).containsExactly(t + " beta");
    }

    @Test
    void searchIsACaseInsensitiveLiteralSubstringOfTheValue() {
        WsClient admin = admin();
        String t = unique("lk");
        create(admin, "name", t + " Globex (Holdings) .*", "metadata", obj("city", t + " [Springfield]"));
        create(admin, "name", t + " Initech", "metadata", obj("city", t + " Austin"));

        assertThat(values(admin, "list_company_names", t.toUpperCase() + " INIT")).containsExactly(t + " Initech");
        assertThat(values(admin, "list_company_names", ") .*")).containsExactly(t + " Globex (Holdings) .*");
        assertThat(values(admin, "list_company_names", t + " .*")).isEmpty();
        assertThat(values(admin, "list_company_cities", t + " [")).containsExactly(t + " [Springfield]");
        assertThat(values(admin, "list_company_cities", t + " [a-z]")).isEmpty();
    }

    @Test
    void deletedCompaniesLeaveTheirValuesAndChangedValuesMove() {
        WsClient admin = admin();
        String t = unique("lk");
        Map<String, JsonNode> companies = seed(admin, t);

        success(admin.call("delete_company", keyed("company_uuid", companies.get("gamma").path("uuid").asText())));
        success(admin.call("update_company", keyed("company_uuid", companies.get("alpha").path("uuid").asText(),
                "industries", arr(t + "-AI"), "metadata", obj("city", t + " City Three"))));

        assertThat(values(admin, "list_company_names", t)).containsExactly(t + " Alpha", t + " beta");
        assertThat(values(admin, "list_industries", t, "separated", true)).containsExactly(t + "-AI", t + "-Tech");
        assertThat(values(admin, "list_company_cities", t)).containsExactly(t + " City Three", t + " City Two");
        assertThat(values(admin, "list_company_states", t, "distinct", false)).containsExactly(t + "-CA", t + "-CA");
        assertThat(values(admin, "list_company_countries", t)).containsExactly(t + "-Land");
        assertThat(values(admin, "list_technologies", t, "separated", true)).containsExactly(t + "-AWS", t + "-Python");
    }

    // ---------------------------------------------------------------- company filters

    @Test
    void companyFiltersRestrictTheValuesToTheMatchingCompanies() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        assertThat(values(admin, "list_company_cities", null, "name", t, "employees_min", 100))
                .containsExactly(t + " City One");
        assertThat(values(admin, "list_company_cities", null, "name", t, "employees_min", 100, "distinct", false))
                .containsExactly(t + " City One", t + " City One");
        assertThat(values(admin, "list_industries", null, "name", t, "exclude_keywords", arr(t + "-saas"),
                "separated", true, "ordering", "-count")).containsExactly(t + "-Tech", t + "-Soft");
        assertThat(values(admin, "list_keywords", null, "name", t, "industries", t + "-Soft", "separated", true,
                "distinct", false)).containsExactly(t + "-cloud", t + "-cloud", t + "-saas");
        assertThat(values(admin, "list_company_names", null, "name", t, "employees_max", 100, "ordering", "-value"))
                .containsExactly(t + " beta", t + " Alpha");
        assertThat(lists(success(admin.call("list_technologies", obj("name", t, "employees_min", 1))).path("results")))
                .containsExactly(List.of(t + "-Python"), List.of(t + "-Python", t + "-AWS"));
        assertThat(values(admin, "list_company_states", null, "company_location", t + "-Other")).containsExactly(t + "-NY");
        assertThat(values(admin, "list_company_countries", null, "name", t, "technologies", arr(t + "-aws")))
                .containsExactly(t + "-Land");
        assertThat(values(admin, "list_company_addresses", "side", "name", t, "employees_max", 10_000))
                .containsExactly(t + " 2 Side St");
        assertThat(values(admin, "list_company_names", null, "name", t, "created_at_before", "2000-01-01")).isEmpty();
        // search matches the values, not the companies.
        assertThat(values(admin, "list_company_cities", "two", "name", t, "employees_min", 0)).containsExactly(t + " City Two");
    }

    @Test
    void aTextFilterOnTheLookedUpAttributeSelectsItsValues() {
        WsClient admin = admin();
        String t = unique("lk");
        seed(admin, t);

        assertThat(values(admin, "list_company_cities", null, "city", t + " city t")).containsExactly(t + " City Two");
        assertThat(values(admin, "list_company_names", "a", "name", t)).containsExactly(t + " Alpha", t + " beta", t + " Gamma");
        assertThat(values(admin, "list_company_states", null, "state", t, "ordering", "-count", "distinct", false))
                .containsExactly(t + "-CA", t + "-CA", t + "-NY");
    }

    // ---------------------------------------------------------------- consistency

    @Test
    void writesAreVisibleToLookupsAtOnceOnAnotherConnection() {
        String t = unique("lk");
        WsClient writer = admin();
        WsClient reader = user();

        for (int i = 0; i < 10; i++) {
            String city = t + " Fresh " + i;
            JsonNode created = create(writer, "name", t + " n" + i, "metadata", obj("city", city),
                    "industries", arr(t + "-I" + i));
            assertThat(values(reader, "list_company_cities", city)).containsExactly(city);
            assertThat(values(reader, "list_industries", t + "-I" + i, "separated", true)).containsExactly(t + "-I" + i);

            success(writer.call("update_company", keyed("company_uuid", created.path("uuid").asText(),
                    "metadata", obj("city", t + " Moved " + i))));
            assertThat(values(reader, "list_company_cities", city)).isEmpty();
            assertThat(values(reader, "list_company_cities", t + " Moved " + i)).containsExactly(t + " Moved " + i);

            success(writer.call("delete_company", keyed("company_uuid", created.path("uuid").asText())));
            assertThat(values(reader, "list_company_cities", t + " Moved " + i)).isEmpty();
            assertThat(values(reader, "list_company_names", t + " n" + i)).isEmpty();
        }
    }

    @Test
    void anEventsCountsAreWrittenBeforeItsCompanyDocumentSoWaitingForTheCompanyCoversLookups() {
        TrackingEventProcessor processor = processing.eventProcessor("companies", TrackingEventProcessor.class).orElseThrow();

        List<String> handlers = handlerTypes(processor.eventHandlerInvoker());

        assertThat(handlers).contains("CompanyValueCountProjection", "CompanyProjection");
        assertThat(handlers.indexOf("CompanyValueCountProjection")).isLessThan(handlers.indexOf("CompanyProjection"));
    }

    @Test
    void resettingTheCompaniesProcessorRebuildsTheSameCounts() {
        WsClient admin = admin();
        String t = unique("lk");
        Map<String, JsonNode> companies = seed(admin, t);
        success(admin.call("update_company", keyed("company_uuid", companies.get("beta").path("uuid").asText(),
                "keywords", arr(t + "-new"), "metadata", obj("state", t + "-TX"))));
        success(admin.call("delete_company", keyed("company_uuid", companies.get("alpha").path("uuid").asText())));
        Map<String, JsonNode> before = everyLookup(admin, t);
        TrackingToken head = eventStore.createHeadToken();
        // Damage the counts: only a replay from the events repairs them.
        storeClient.getDatabase("beacon").getCollection("company_values_state")
                .updateOne(Filters.eq("_id", t + "-NY"), Updates.set("n", 40));

        TrackingEventProcessor processor = processing.eventProcessor("companies", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !processor.isReplaying() && caughtUpTo(head));

        assertThat(everyLookup(admin, t)).isEqualTo(before);
        assertThat(values(admin, "list_company_states", t, "distinct", false)).containsExactly(t + "-NY", t + "-TX");
    }

    // ---------------------------------------------------------------- authorization and validation

    @Test
    void anyAuthenticatedUserMayLookUp() {
        String t = unique("lk");
        seed(admin(), t);
        WsClient user = user();

        for (String action : LOOKUPS) {
            assertThat(success(user.call(action, obj("search", t))).path("results").size()).as(action).isPositive();
        }
    }

    @Test
    void unknownFieldsAreValidationErrorsNamingThem() {
        WsClient admin = admin();
        List<Object[]> requests = List.<Object[]>of(
                new Object[]{"list_company_cities", obj("separated", true), "separated"},
                new Object[]{"list_company_names", obj("separated", false), "separated"},
                new Object[]{"list_industries", obj("page", 1), "page"},
                new Object[]{"list_keywords", obj("cursor", "abc"), "cursor"},
                new Object[]{"list_technologies", obj("page_size", 5), "page_size"},
                new Object[]{"list_company_states", obj("request_url", "http://x.test/"), "request_url"},
                new Object[]{"list_company_countries", obj("colour", "red"), "colour"},
                new Object[]{"list_company_addresses", obj("sepparated", true), "sepparated"});

        for (Object[] request : requests) {
            JsonNode answer = admin.call((String) request[0], request[1]);
            assertError(answer, "validation_error");
            assertThat(answer.path("error").path("message").asText()).as("%s", request[0]).contains((String) request[2]);
        }
    }

    @Test
    void wrongTypesOperatorsAndBadOptionsAreValidationErrors() {
        WsClient admin = admin();
        List<Object[]> requests = List.<Object[]>of(
                new Object[]{"list_company_names", obj("limit", "ten")},
                new Object[]{"list_company_names", obj("limit", 2.5)},
                new Object[]{"list_company_names", obj("limit", -1)},
                new Object[]{"list_company_names", obj("limit", 0)},
                new Object[]{"list_company_names", obj("limit", 1001)},
                new Object[]{"list_company_names", obj("offset", -1)},
                new Object[]{"list_company_names", obj("offset", "x")},
                new Object[]{"list_company_names", obj("distinct", "yes")},
                new Object[]{"list_industries", obj("separated", "yes")},
                new Object[]{"list_industries", obj("separated", 1)},
                new Object[]{"list_keywords", obj("search", obj("$regex", ".*"))},
                new Object[]{"list_technologies", obj("search", arr("a"))},
                new Object[]{"list_company_cities", obj("ordering", "name")},
                new Object[]{"list_company_cities", obj("ordering", "value,count")},
                new Object[]{"list_company_cities", obj("ordering", "-")},
                new Object[]{"list_company_cities", obj("ordering", 1)},
                new Object[]{"list_company_states", obj("industries", 5)},
                new Object[]{"list_company_states", obj("city", obj("$ne", null))},
                new Object[]{"list_company_countries", obj("employees_min", "many")},
                new Object[]{"list_company_addresses", obj("created_at_after", "yesterday")},
                new Object[]{"list_company_addresses", obj("employees_min", 10, "employees_max", 1)});

        for (Object[] request : requests) {
            assertError(admin.call((String) request[0], request[1]), "validation_error");
        }
        JsonNode badOrdering = admin.call("list_industries", obj("ordering", "-name"));
        assertThat(badOrdering.path("error").path("message").asText()).contains("-name", "value", "-count");
        assertThat(admin.isOpen()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Three companies with every looked-up attribute set, all values embedding {@code t}:
     * alpha (100 employees), beta (5) and gamma (1000).
     */
    private static Map<String, JsonNode> seed(WsClient admin, String t) {
        Map<String, JsonNode> companies = new LinkedHashMap<>();
        companies.put("alpha", create(admin, "name", t + " Alpha", "employees_count", 100,
                "industries", arr(t + "-Tech", t + "-Soft"), "keywords", arr(t + "-saas", t + "-cloud"),
                "technologies", arr(t + "-Python", t + "-AWS"), "address", t + " 1 Main St",
                "metadata", obj("city", t + " City One", "state", t + "-CA", "country", t + "-Land")));
        companies.put("beta", create(admin, "name", t + " beta", "employees_count", 5,
                "industries", arr(t + "-Tech"), "keywords", arr(t + "-cloud", t + "-cloud"),
                "address", t + " 2 Side St",
                "metadata", obj("city", t + " City Two", "state", t + "-CA", "country", t + "-Land")));
        companies.put("gamma", create(admin, "name", t + " Gamma", "employees_count", 1000,
                "industries", arr(t + "-Soft", t + "-Tech"), "keywords", arr(t + "-cloud"),
                "technologies", arr(t + "-Python"),
                "metadata", obj("city", t + " City One", "state", t + "-NY", "country", t + "-Other")));
        return companies;
    }

    /** The results of a lookup as texts; {@code search} (if not null) and more fields as given. */
    private static List<String> values(WsClient client, String action, String search, Object... more) {
        Map<String, Object> data = with(search == null ? obj() : obj("search", search), more);
        if (!data.containsKey("limit")) {
            data.put("limit", 1000);
        }
        return texts(success(client.call(action, data)).path("results"));
    }

    private static List<List<String>> lists(JsonNode results) {
        List<List<String>> lists = new ArrayList<>();
        for (JsonNode result : results) {
            assertThat(result.isArray()).as("%s", result).isTrue();
            lists.add(StreamSupport.stream(result.spliterator(), false).map(JsonNode::asText).toList());
        }
        return lists;
    }

    private static Map<String, JsonNode> everyLookup(WsClient client, String t) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String action : LOOKUPS) {
            for (Map<String, Object> options : List.of(obj(), obj("separated", true), obj("distinct", false, "ordering", "-count"))) {
                if (options.containsKey("separated") && !List.of("list_industries", "list_keywords", "list_technologies")
                        .contains(action)) {
                    continue;
                }
                answers.put(action + options, success(client.call(action, with(options, "search", t, "limit", 1000)))
                        .path("results"));
            }
        }
        return answers;
    }

    private static List<String> handlerTypes(EventHandlerInvoker invoker) {
        List<String> types = new ArrayList<>();
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> types.addAll(handlerTypes(delegate)));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            simple.eventHandlers().forEach(handler -> types.add(handler.getTargetType().getSimpleName()));
        }
        return types;
    }

    private boolean caughtUpTo(TrackingToken head) {
        TrackingToken token = tokenStore.fetchToken("companies", 0);
        long position = token == null ? 0 : token.position().orElse(0);
        return position >= ((GlobalSequenceTrackingToken) head).getGlobalIndex();
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.WsClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code stream_search} on the channel endpoint over real WebSocket round trips: hits arrive as
 * {@code search_result} messages with the request's id, then one {@code search_complete}; the limit,
 * the contacts entity and the refusals of bad input. Every scenario searches for a tag of its own,
 * so it sees only its own data.
 */
abstract class StreamSearchScenarios extends BeaconScenarioSupport {

    @Test
    void matchingCompaniesStreamAsSearchResultsThenSearchComplete() {
        WsClient admin = admin();
        String tag = unique("srch");
        String alpha = create(admin, "name", tag + " Alpha", "metadata", obj("website", "https://alpha.test"))
                .path("uuid").asText();
        String beta = create(admin, "name", "Beta " + tag, "industries", List.of("Software")).path("uuid").asText();
        String byKeyword = create(admin, "name", unique("kw"), "keywords", List.of(tag)).path("uuid").asText();
        String deleted = create(admin, "name", tag + " Gone").path("uuid").asText();
        create(admin, "name", unique("unrelated"));
        success(admin.call("delete_company", keyed("company_uuid", deleted)));
        ChannelClient client = channel(userToken());
        client.connected();

        Search search = streamSearch(client, obj("query", tag, "limit", 50, "entity", "companies"));

        assertThat(search.results()).extracting(r -> r.path("data").path("uuid").asText())
                .containsExactlyInAnyOrder(alpha, beta, byKeyword);
        for (JsonNode result : search.results()) {
            assertThat(result.path("request_id").asText()).isEqualTo(search.requestId());
            assertThat(Instant.parse(result.path("timestamp").asText())).isNotNull();
            double score = result.path("data").path("score").asDouble();
            assertThat(score).isGreaterThan(0).isLessThanOrEqualTo(1);
        }
        JsonNode alphaHit = search.result(alpha);
        assertThat(alphaHit.path("data").path("name").asText()).isEqualTo(tag + " Alpha");
        assertThat(alphaHit.path("data").path("score").asDouble()).isEqualTo(1.0);
        assertThat(alphaHit.path("data").path("website").asText()).isEqualTo("https://alpha.test");
        assertThat(search.result(byKeyword).path("data").path("score").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(search.complete().path("data").path("total_results").asInt()).isEqualTo(3);
        assertThat(search.complete().path("data").path("processing_time_ms").asLong()).isNotNegative();
        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void atMostLimitResultsAreSent() {
        WsClient admin = admin();
        String tag = unique("lim");
        for (int i = 0; i < 5; i++) {
            create(admin, "name", tag + " " + i);
        }
        ChannelClient client = channel(userToken());
        client.connected();

        Search search = streamSearch(client, obj("query", tag, "limit", 2));

        assertThat(search.results()).hasSize(2);
        assertThat(search.complete().path("data").path("total_results").asInt()).isEqualTo(2);
    }

    @Test
    void contactsAreSearchedByNameTitleAndCompanyName() {
        WsClient admin = admin();
        String tag = unique("ctc");
        String company = create(admin, "name", unique("employer")).path("uuid").asText();
        String named = createContact(admin, company, "first_name", "Ada", "last_name", tag, "title", "CTO");
        String titled = createContact(admin, company, "first_name", "Bob", "last_name", "Stone", "title", tag + " lead");
        createContact(admin, company, "first_name", "Cy", "last_name", "Young", "title", "CEO");
        ChannelClient client = channel(userToken());
        client.connected();

        Search search = streamSearch(client, obj("query", tag, "entity", "contacts"));

        assertThat(search.results()).extracting(r -> r.path("data").path("uuid").asText())
                .containsExactlyInAnyOrder(named, titled);
        assertThat(search.result(named).path("data").path("name").asText()).isEqualTo("Ada " + tag);
        assertThat(search.result(named).path("data").path("score").asDouble()).isEqualTo(1.0);
        assertThat(search.result(titled).path("data").path("company_uuid").asText()).isEqualTo(company);
        assertThat(search.result(titled).path("data").path("title").asText()).isEqualTo(tag + " lead");
        assertThat(search.complete().path("data").path("total_results").asInt()).isEqualTo(2);
    }

    @Test
    void badInputIsRefusedWithInvalidRequestAndTheConnectionStays() {
        ChannelClient client = channel(userToken());
        client.connected();

        List<Map<String, Object>> refused = List.of(obj(), obj("query", ""), obj("query", "   "),
                obj("query", "x".repeat(201)), obj("query", 42), obj("query", "acme", "limit", 0),
                obj("query", "acme", "limit", 501), obj("query", "acme", "limit", "ten"),
                obj("query", "acme", "limit", 2.5), obj("query", "acme", "entity", "people"),
                obj("query", "acme", "sort", "name"));
        for (Map<String, Object> data : refused) {
            JsonNode answer = client.request("stream_search", data);
            assertThat(answer.path("type").asText()).as("answer to %s", data).isEqualTo("error");
            assertThat(answer.path("data").path("error_code").asText()).as("answer to %s", data).isEqualTo("INVALID_REQUEST");
            assertThat(answer.path("data").path("message").asText()).isNotBlank();
        }
        assertThat(client.ping().path("type").asText()).isEqualTo("pong");
    }

    // ---------------------------------------------------------------- helpers

    /** The messages of one {@code stream_search}: its results in arrival order, and its completion. */
    private record Search(String requestId, List<JsonNode> results, JsonNode complete) {

        JsonNode result(String uuid) {
            return results.stream().filter(r -> uuid.equals(r.path("data").path("uuid").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no search_result for " + uuid + " in " + results));
        }
    }

    /** Sends {@code stream_search} and collects its messages up to {@code search_complete}, which must come last. */
    private static Search streamSearch(ChannelClient client, Map<String, Object> data) {
        String requestId = client.ws().nextRequestId();
        ObjectNode envelope = JSON.createObjectNode().put("type", "stream_search").put("request_id", requestId);
        envelope.set("data", JSON.valueToTree(data));
        client.ws().sendEnvelope(requestId, envelope);
        JsonNode complete = client.ws().awaitMessage(m -> requestId.equals(m.path("request_id").asText(null))
                && !"search_result".equals(m.path("type").asText()), "end of stream_search " + requestId);
        assertThat(complete.path("type").asText()).as("end of the search: %s", complete).isEqualTo("search_complete");
        List<JsonNode> ours = client.ws().received().stream()
                .filter(m -> requestId.equals(m.path("request_id").asText(null))).toList();
        assertThat(ours.get(ours.size() - 1)).isEqualTo(complete);
        List<JsonNode> results = ours.subList(0, ours.size() - 1);
        assertThat(results).allSatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("search_result"));
        return new Search(requestId, results, complete);
    }

    private static String createContact(WsClient admin, String companyUuid, Object... keysAndValues) {
        return success(admin.call("create_contact", Json.with(keyed("company_uuid", companyUuid), keysAndValues)))
                .path("uuid").asText();
    }

    private String userToken() {
        return registerUser().path("access_token").asText();
    }
}

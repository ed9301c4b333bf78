package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.gateway.apollo.SeedExample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.WsClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze} on {@code /api/v2/apollo/ws} (seed 001) against the running application, with a
 * token of a freshly registered user. The store is chosen by the concrete subclass.
 */
abstract class ApolloAnalyzeScenarios extends BeaconScenarioSupport {

    private static final String ENDPOINT = "/api/v2/apollo/ws";

    private WsClient socket;

    @BeforeEach
    void connect() {
        JsonNode registered = rest().register(unique("apollo") + "@scenarios.beacon.test", "apollo-password-1",
                "Apollo Analyst");
        String token = registered.path("access_token").asText();
        assertThat(token).isNotBlank();
        socket = connectApollo(token);
    }

    @Test
    void theSeedExampleIsAnalyzedAsTheSeedShows() throws Exception {
        JsonNode answer = socket.call("analyze", obj("url", SeedExample.URL));
        assertThat(answer.path("status").asText()).as("%s", answer).isEqualTo("success");
        assertThat(answer.path("action").asText()).isEqualTo("analyze");
        assertThat(answer.has("error")).isFalse();
        JsonNode data = answer.path("data");
        // Same content and, written back out, the same key order as the seed's document.
        assertThat(JSON.writeValueAsString(data)).isEqualTo(JSON.writeValueAsString(JSON.readTree(SeedExample.ANALYSIS)));
        assertThat(fieldNames(data)).containsExactly("url", "url_structure", "categories", "statistics", "raw_parameters");
        assertThat(data.path("statistics").path("total_parameters").asInt()).isEqualTo(7);
        assertThat(data.path("statistics").path("total_parameter_values").asInt()).isEqualTo(7);
        assertThat(data.path("statistics").path("categories_used").asInt()).isEqualTo(5);
    }

    @Test
    void industryTagIdsComeBackAsIndustryNames() {
        JsonNode data = success(socket.call("analyze", obj("url", "https://app.apollo.io/#/people?"
                + "organizationIndustryTagIds[]=5567cd4773696439b10b0000&mystery=1")));
        assertThat(data.path("categories").get(0).path("parameters").get(0).path("values").get(0).asText())
                .isEqualTo("information technology & services");
        assertThat(data.path("raw_parameters").path("organizationIndustryTagIds[]").get(0).asText())
                .isEqualTo("5567cd4773696439b10b0000");
        JsonNode other = data.path("categories").get(1);
        assertThat(other.path("name").asText()).isEqualTo("Other");
        assertThat(other.path("parameters").get(0).path("description").asText()).isEqualTo("Unknown parameter");
    }

    @Test
    void aLookAlikeHostIsAValidationError() {
        for (String url : List.of("https://apollo.io.example.com/#/people?personTitles[]=CEO",
                "https://apollo.io@evil.com/#/people", "https://evil.com/?x=apollo.io")) {
            JsonNode answer = socket.call("analyze", obj("url", url));
            assertAnalyzeError(answer, "validation_error");
            assertThat(answer.path("error").path("message").asText()).as(url).startsWith("url ");
        }
    }

    @Test
    void aMissingUrlIsAMissingField() {
        for (Map<String, Object> data : List.of(obj(), obj("url", null))) {
            JsonNode answer = socket.call("analyze", data);
            assertAnalyzeError(answer, "missing_field");
            assertThat(answer.path("error").path("message").asText()).isEqualTo("Missing required field: url");
        }
        assertAnalyzeError(socket.call("analyze", null), "missing_field");
    }

    @Test
    void anUnknownFieldIsAValidationError() {
        JsonNode answer = socket.call("analyze", obj("url", SeedExample.URL, "limit", 10));
        assertAnalyzeError(answer, "validation_error");
        assertThat(answer.path("error").path("message").asText()).contains("limit");
    }

    @Test
    void aUrlThatIsNotAStringIsAValidationError() {
        for (Map<String, Object> data : List.of(obj("url", 42), obj("url", true), obj("url", arr(SeedExample.URL)),
                obj("url", obj("href", SeedExample.URL)))) {
            JsonNode answer = socket.call("analyze", data);
            assertAnalyzeError(answer, "validation_error");
            assertThat(answer.path("error").path("message").asText()).as("%s", data).isEqualTo("url must be a string");
        }
    }

    @Test
    void aBlankOrOverlongUrlIsAValidationError() {
        assertAnalyzeError(socket.call("analyze", obj("url", " ")), "validation_error");
        assertAnalyzeError(socket.call("analyze", obj("url", "https://app.apollo.io/#/people?q=" + "a".repeat(9000))),
                "validation_error");
    }

    @Test
    void companiesActionsAreUnknownOnTheApolloEndpoint() {
        assertAnalyzeError(socket.call("list_companies", obj()), "unknown_action");
    }

    @Test
    void theEndpointRefusesAnUpgradeWithoutToken() {
        assertThat(WsClient.refusedHandshakeStatus(URI.create("ws://localhost:" + port + ENDPOINT), Map.of()))
                .isEqualTo(401);
        assertThat(WsClient.refusedHandshakeStatus(URI.create("ws://localhost:" + port + ENDPOINT + "?token=not-a-token"),
                Map.of())).isEqualTo(401);
    }

    /** The shared error-envelope assertion, plus: the answer names its action. */
    private static void assertAnalyzeError(JsonNode answer, String code) {
        assertError(answer, code);
        assertThat(answer.path("action").asText()).isNotBlank();
    }
}

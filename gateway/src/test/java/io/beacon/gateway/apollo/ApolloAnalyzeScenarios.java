package io.beacon.gateway.apollo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.beacon.gateway.apollo.ApolloSocket.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze} on {@code /api/v2/apollo/ws} (seed 001) against the running application, with a
 * token of a freshly registered user. The store is chosen by the concrete subclass.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "beacon.embedded-mongo-port=0",
                "beacon.auth.jwt-secret=apollo-analyze-scenarios-jwt-secret-0123456789abcdef",
        })
abstract class ApolloAnalyzeScenarios {

    @LocalServerPort
    protected int port;

    private ApolloSocket socket;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("beacon-apollo-analyze");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                FileSystemUtils.deleteRecursively(dir);
            } catch (IOException e) {
                // Best effort: a leftover temp directory is harmless.
            }
        }, "delete-" + dir.getFileName()));
        registry.add("beacon.data-dir", dir::toString);
    }

    @BeforeEach
    void connect() {
        socket = ApolloSocket.connect(port, registerUser());
    }

    @AfterEach
    void disconnect() {
        socket.close();
    }

    @Test
    void theSeedExampleIsAnalyzedAsTheSeedShows() throws Exception {
        JsonNode answer = socket.call("analyze", data("url", SeedExample.URL));
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
        JsonNode data = success(socket.call("analyze", data("url", "https://app.apollo.io/#/people?"
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
            JsonNode answer = socket.call("analyze", data("url", url));
            assertError(answer, "validation_error");
            assertThat(answer.path("error").path("message").asText()).as(url).startsWith("url ");
        }
    }

    @Test
    void aMissingUrlIsAMissingField() {
        for (JsonNode data : List.of(JSON.createObjectNode(), data("url", null))) {
            JsonNode answer = socket.call("analyze", data);
            assertError(answer, "missing_field");
            assertThat(answer.path("error").path("message").asText()).isEqualTo("Missing required field: url");
        }
        assertError(socket.call("analyze", null), "missing_field");
    }

    @Test
    void anUnknownFieldIsAValidationError() {
        ObjectNode data = data("url", SeedExample.URL);
        data.put("limit", 10);
        JsonNode answer = socket.call("analyze", data);
        assertError(answer, "validation_error");
        assertThat(answer.path("error").path("message").asText()).contains("limit");
    }

    @Test
    void aUrlThatIsNotAStringIsAValidationError() {
        ObjectNode number = JSON.createObjectNode().put("url", 42);
        ObjectNode bool = JSON.createObjectNode().put("url", true);
        ObjectNode array = JSON.createObjectNode();
        array.putArray("url").add(SeedExample.URL);
        ObjectNode object = JSON.createObjectNode();
        object.putObject("url").put("href", SeedExample.URL);
        for (JsonNode data : List.of(number, bool, array, object)) {
            JsonNode answer = socket.call("analyze", data);
            assertError(answer, "validation_error");
            assertThat(answer.path("error").path("message").asText()).as("%s", data).isEqualTo("url must be a string");
        }
    }

    @Test
    void aBlankOrOverlongUrlIsAValidationError() {
        assertError(socket.call("analyze", data("url", " ")), "validation_error");
        assertError(socket.call("analyze", data("url", "https://app.apollo.io/#/people?q=" + "a".repeat(9000))),
                "validation_error");
    }

    @Test
    void companiesActionsAreUnknownOnTheApolloEndpoint() {
        assertError(socket.call("list_companies", JSON.createObjectNode()), "unknown_action");
    }

    @Test
    void theEndpointRefusesAnUpgradeWithoutToken() {
        assertThat(ApolloSocket.refusedHandshakeStatus(ApolloSocket.endpoint(port, null))).isEqualTo(401);
        assertThat(ApolloSocket.refusedHandshakeStatus(ApolloSocket.endpoint(port, "not-a-token"))).isEqualTo(401);
    }

    private static ObjectNode data(String field, String value) {
        ObjectNode data = JSON.createObjectNode();
        if (value == null) {
            data.putNull(field);
        } else {
            data.put(field, value);
        }
        return data;
    }

    private static JsonNode success(JsonNode answer) {
        assertThat(answer.path("status").asText()).as("status of %s", answer).isEqualTo("success");
        return answer.path("data");
    }

    private static void assertError(JsonNode answer, String code) {
        assertThat(answer.path("status").asText()).as("status of %s", answer).isEqualTo("error");
        assertThat(answer.path("error").path("code").asText()).as("error code of %s", answer).isEqualTo(code);
        assertThat(answer.path("error").path("message").asText()).as("error message of %s", answer).isNotBlank();
        assertThat(answer.has("data") && answer.get("data").isNull()).as("null data of %s", answer).isTrue();
        assertThat(answer.path("action").asText()).isNotBlank();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Registers a new user over REST and returns its access token. */
    private String registerUser() {
        String email = "apollo" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "@scenarios.beacon.test";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/register"))
                    .timeout(ApolloSocket.TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("email", email, "password", "apollo-password-1", "name", "Apollo Analyst"))))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("register: %s", response.body()).isEqualTo(201);
            String token = JSON.readTree(response.body()).path("access_token").asText();
            assertThat(token).isNotBlank();
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

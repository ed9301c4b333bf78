package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static io.beacon.gateway.it.BeaconScenarioSupport.assertError;
import static io.beacon.gateway.it.BeaconScenarioSupport.listNames;
import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application stopped and started again on the same data directory (embedded store): what was
 * acknowledged before is all there after, and the store carries on from where it was.
 */
class RestartKeepsDataTest {

    private static final String WRITE_KEY = "wk-restart-2f6c0d9a";
    private static final String ADMIN_EMAIL = "admin@restart.beacon.test";
    private static final String ADMIN_PASSWORD = "admin-password-restart";

    @Test
    void companiesSurviveARestartAndNumberingAndVersionsCarryOn() {
        Path dataDir = TempDirs.create("beacon-restart");
        JsonNode kept;
        JsonNode changed;
        JsonNode deleted;
        String tokenBefore;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            int port = port(app);
            tokenBefore = new BeaconRest(port).login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
            try (WsClient ws = WsClient.connect(port, tokenBefore)) {
                kept = create(ws, "name", "Kept Co", "employees_count", 12, "industries", arr("Retail"),
                        "metadata", obj("city", "Porto"));
                JsonNode original = create(ws, "name", "Changed Co", "employees_count", 1);
                changed = success(ws.call("update_company", keyed("company_uuid", original.path("uuid").asText(),
                        "employees_count", 2, "metadata", obj("country", "Portugal"))));
                deleted = create(ws, "name", "Deleted Co");
                success(ws.call("delete_company", keyed("company_uuid", deleted.path("uuid").asText())));
            }
        }

        try (ConfigurableApplicationContext app = start(dataDir)) {
            int port = port(app);
            String token = new BeaconRest(port).login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
            try (WsClient ws = WsClient.connect(port, token)) {
                assertThat(success(ws.call("get_company", obj("company_uuid", kept.path("uuid").asText())))).isEqualTo(kept);
                assertThat(success(ws.call("get_company", obj("company_uuid", changed.path("uuid").asText())))).isEqualTo(changed);
                assertError(ws.call("get_company", obj("company_uuid", deleted.path("uuid").asText())), "not_found");
                assertThat(listNames(ws, obj("name", " Co", "ordering", "id"))).containsExactly("Kept Co", "Changed Co");
                assertThat(success(ws.call("count_companies", obj())).path("count").asLong()).isEqualTo(2);

                JsonNode next = create(ws, "name", "After Restart Co");
                JsonNode changedAgain = success(ws.call("update_company",
                        keyed("company_uuid", changed.path("uuid").asText(), "expected_version", 2, "employees_count", 3)));

                assertThat(next.path("id").asLong()).isEqualTo(deleted.path("id").asLong() + 1);
                assertThat(changedAgain.path("version").asLong()).isEqualTo(3);
                assertThat(changedAgain.path("metadata").path("country").asText()).isEqualTo("Portugal");
                assertError(ws.call("delete_company", keyed("company_uuid", deleted.path("uuid").asText())), "not_found");
            }
            // The generated JWT secret is kept in the data directory, so tokens issued before still hold.
            try (WsClient old = WsClient.connect(port, tokenBefore)) {
                assertThat(success(old.call("count_companies", obj())).path("count").asLong()).isEqualTo(3);
            }
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments, because they outrank application.yml (default properties do not).
        return new SpringApplicationBuilder(BeaconApplication.class).run(
                "--server.port=0",
                "--beacon.mongodb-uri=",
                "--beacon.data-dir=" + dataDir,
                "--beacon.embedded-mongo-port=0",
                "--beacon.write-key=" + WRITE_KEY,
                "--beacon.auth.jwt-secret=",
                "--beacon.auth.admin-email=" + ADMIN_EMAIL,
                "--beacon.auth.admin-password=" + ADMIN_PASSWORD);
    }

    private static int port(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static java.util.Map<String, Object> keyed(Object... keysAndValues) {
        return with(obj("write_key", WRITE_KEY), keysAndValues);
    }

    private static JsonNode create(WsClient ws, Object... keysAndValues) {
        return success(ws.call("create_company", keyed(keysAndValues)));
    }
}

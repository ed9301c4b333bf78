package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.gateway.BeaconApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, item 3: the command line of the same jar, run as its own process on the data directory of a
 * Beacon that was stopped. While that Beacon runs, the command line refuses its data directory at once. Then
 * {@code import companies.csv} ({@value #ROWS} rows, every {@value #BAD_EVERY}th bad) goes through the upload
 * machinery with its progress ending at 100 %, and {@code replay companies} rebuilds the read model; a Beacon
 * started again serves the imported companies, and the companies created before answer exactly as before.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandLineTest {

    static final int ROWS = 500;
    static final int BAD_EVERY = 100;
    private static final String WRITE_KEY = "wk-cli-7d1e4b20";
    private static final String ADMIN_EMAIL = "admin@cli.beacon.test";
    private static final String ADMIN_PASSWORD = "admin-password-cli";

    @Test
    void importAndReplayRunFromTheCommandLineOnAStoppedBeaconsData() throws Exception {
        Path dataDir = TempDirs.create("beacon-cli");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        CliProcess.Result refused;
        try (ConfigurableApplicationContext app = start(dataDir); WsClient ws = connect(app)) {
            JsonNode acme = create(ws, "name", "Acme CLI", "employees_count", 250, "industries", arr("Software"),
                    "metadata", obj("city", "Porto"));
            JsonNode globex = create(ws, "name", "Globex CLI", "annual_revenue", 1_000_000);
            success(ws.call("update_company", keyed("company_uuid", globex.path("uuid").asText(),
                    "employees_count", 12, "metadata", obj("country", "Portugal"))));
            JsonNode initech = create(ws, "name", "Initech CLI");
            for (JsonNode company : List.of(acme, globex, initech)) {
                String uuid = company.path("uuid").asText();
                before.put(uuid, success(ws.call("get_company", obj("company_uuid", uuid))));
            }

            refused = CliProcess.run(dataDir, "replay", "companies");

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).as(refused.toString()).contains("is in use by a running Beacon")
                    .doesNotContain("Exception");
        }

        Path csv = TempDirs.create("beacon-cli-files").resolve("companies.csv");
        Files.writeString(csv, companiesCsv(), StandardCharsets.UTF_8);
        CliProcess.Result imported = CliProcess.run(dataDir, "import", csv.toString());

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertEndsAtOneHundredPercent(imported, "500/500 rows");
        int bad = ROWS / BAD_EVERY;
        assertThat(imported.out()).as(imported.toString())
                .contains("imported 500 companies rows in")
                .contains((ROWS - bad) + " created, " + bad + " failed")
                .contains("row 100: employees_count must be an integer");

        CliProcess.Result replayed = CliProcess.run(dataDir, "replay", "companies");

        assertThat(replayed.exitCode()).as(replayed.toString()).isZero();
        assertEndsAtOneHundredPercent(replayed, "events");
        assertThat(replayed.out()).as(replayed.toString()).contains("replayed companies:");
        String jwtSecret = Files.readString(dataDir.resolve("jwt-secret")).trim();
        assertThat(jwtSecret).isNotBlank();
        for (CliProcess.Result result : List.of(refused, imported, replayed)) {
            assertThat(result.out() + result.err()).as("no secret printed").doesNotContain(WRITE_KEY)
                    .doesNotContain(jwtSecret).doesNotContainIgnoringCase("write key");
        }

        try (ConfigurableApplicationContext app = start(dataDir); WsClient ws = connect(app)) {
            for (Map.Entry<String, JsonNode> company : before.entrySet()) {
                assertThat(success(ws.call("get_company", obj("company_uuid", company.getKey()))))
                        .isEqualTo(company.getValue());
            }
            assertThat(success(ws.call("count_companies", obj())).path("count").asLong())
                    .isEqualTo(before.size() + ROWS - bad);
            for (int row : new int[]{1, 250, ROWS - 1}) {
                JsonNode company = success(ws.call("get_company", obj("company_uuid", rowUuid(row))));
                assertThat(company.path("name").asText()).isEqualTo(rowName(row));
                assertThat(company.path("employees_count").asLong()).isEqualTo(row);
                assertThat(company.path("industries")).isEqualTo(WsClient.JSON.valueToTree(List.of("Imported", "CLI")));
            }
        }
    }

    private static void assertEndsAtOneHundredPercent(CliProcess.Result result, String counts) {
        List<String> progress = result.progressLines();
        assertThat(progress).as(result.toString()).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).as(result.toString())
                .startsWith("[##############################] 100%").contains(counts).containsPattern("ETA \\S+");
    }

    private static String companiesCsv() {
        StringBuilder csv = new StringBuilder("uuid,name,employees_count,industries\n");
        for (int row = 1; row <= ROWS; row++) {
            String employees = row % BAD_EVERY == 0 ? "many" : Integer.toString(row);
            csv.append(rowUuid(row)).append(',').append(rowName(row)).append(',').append(employees)
                    .append(",Imported;CLI\n");
        }
        return csv.toString();
    }

    private static String rowUuid(int row) {
        return UUID.nameUUIDFromBytes(("cli-import-row-" + row).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String rowName(int row) {
        return "CLI Import " + row;
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

    private static WsClient connect(ConfigurableApplicationContext app) {
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        String token = new BeaconRest(port).login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
        return WsClient.connect(port, token);
    }

    private static Map<String, Object> keyed(Object... keysAndValues) {
        return with(obj("write_key", WRITE_KEY), keysAndValues);
    }

    private static JsonNode create(WsClient ws, Object... keysAndValues) {
        return success(ws.call("create_company", keyed(keysAndValues)));
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PRODUCT.md §1: a write whose success response was sent survives a {@code kill -9} of the
 * process and a restart, on the embedded store. Beacon runs as a real child process here, killed
 * with SIGKILL right after the last acknowledgement.
 */
class CrashDurabilityTest {

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedWritesSurviveKillDashNine() throws Exception {
        List<String> created = new ArrayList<>();
        String updated;
        try (BeaconProcess beacon = BeaconProcess.start(dataDir)) {
            try (WsClient client = WsClient.connect(beacon.port(), beacon.accessToken())) {
                for (int i = 0; i < 25; i++) {
                    JsonNode answer = client.call("create_company", Map.of("write_key", BeaconProcess.WRITE_KEY,
                            "name", "Crash Survivor " + i, "employees_count", i));
                    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("success");
                    created.add(answer.path("data").path("uuid").asText());
                }
                updated = created.get(0);
                JsonNode update = client.call("update_company", Map.of("write_key", BeaconProcess.WRITE_KEY,
                        "company_uuid", updated, "name", "Crash Survivor renamed"));
                assertThat(update.path("status").asText()).as(update.toString()).isEqualTo("success");
                JsonNode deletion = client.call("delete_company", Map.of("write_key", BeaconProcess.WRITE_KEY,
                        "company_uuid", created.get(1)));
                assertThat(deletion.path("status").asText()).as(deletion.toString()).isEqualTo("success");
            }
            beacon.kill();
        }

        try (BeaconProcess restarted = BeaconProcess.start(dataDir);
             WsClient client = WsClient.connect(restarted.port(), restarted.accessToken())) {
            // Read at once: acknowledged writes must be visible without waiting for a catch-up.
            JsonNode count = client.call("count_companies", Map.of("name", "Crash Survivor"));
            assertThat(count.path("data").path("count").asLong()).isEqualTo(24);
            JsonNode renamed = client.call("get_company", Map.of("company_uuid", updated));
            assertThat(renamed.path("data").path("name").asText()).isEqualTo("Crash Survivor renamed");
            assertThat(renamed.path("data").path("version").asLong()).isEqualTo(2);
            JsonNode gone = client.call("get_company", Map.of("company_uuid", created.get(1)));
            assertThat(gone.path("error").path("code").asText()).isEqualTo("not_found");
            for (int i = 2; i < created.size(); i++) {
                JsonNode company = client.call("get_company", Map.of("company_uuid", created.get(i)));
                assertThat(company.path("data").path("name").asText()).isEqualTo("Crash Survivor " + i);
                assertThat(company.path("data").path("id").asLong()).isEqualTo(i + 1);
            }
            JsonNode next = client.call("create_company", Map.of("write_key", BeaconProcess.WRITE_KEY,
                    "name", "After the crash"));
            assertThat(next.path("data").path("id").asLong()).isEqualTo(26);
        }
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume survives the server: a subscriber that saw an event, then lost the server (killed with
 * SIGKILL, started again on the same data), subscribes with {@code since} and receives exactly the
 * events it missed — written before the kill and after the restart — in order, then live ones.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ChannelResumeAcrossRestartTest {

    @TempDir
    Path dataDir;

    private static String create(WsClient admin, String name) {
        JsonNode answer = admin.call("create_company", Map.of("write_key", BeaconProcess.WRITE_KEY, "name", name));
        assertThat(answer.path("status").asText()).as("%s", answer).isEqualTo("success");
        return answer.path("data").path("uuid").asText();
    }

    @Test
    void aSubscriberResumesAfterAKilledAndRestartedServerWithNothingLostOrRepeated() throws Exception {
        String seen;
        List<String> missed = new ArrayList<>();
        try (BeaconProcess beacon = BeaconProcess.start(dataDir)) {
            String token = beacon.accessToken();
            try (WsClient admin = WsClient.connect(beacon.port(), token);
                 ChannelClient channel = ChannelClient.open(beacon.port(), token)) {
                channel.connected();
                channel.subscribe("companies");
                String first = create(admin, "Before Kill 1");
                JsonNode event = channel.nextEvent("companies",
                        m -> first.equals(m.path("data").path("company_uuid").asText()), "the first company");
                seen = event.path("offset").asText();
            }
            // The subscriber is gone: this one it misses.
            try (WsClient admin = WsClient.connect(beacon.port(), token)) {
                missed.add(create(admin, "Before Kill 2"));
            }
            beacon.kill();
        }

        try (BeaconProcess restarted = BeaconProcess.start(dataDir)) {
            String token = restarted.accessToken();
            try (WsClient admin = WsClient.connect(restarted.port(), token)) {
                missed.add(create(admin, "After Restart 1"));
                try (ChannelClient channel = ChannelClient.open(restarted.port(), token)) {
                    channel.connected();
                    channel.subscribeSince("companies", seen);
                    List<String> received = new ArrayList<>();
                    List<Long> offsets = new ArrayList<>();
                    for (int i = 0; i < missed.size(); i++) {
                        JsonNode event = channel.nextEvent("companies", m -> true, "missed event " + (i + 1));
                        received.add(event.path("data").path("company_uuid").asText());
                        offsets.add(Long.parseLong(event.path("offset").asText()));
                    }
                    String live = create(admin, "After Restart 2");
                    JsonNode liveEvent = channel.nextEvent("companies", m -> true, "the live event");

                    assertThat(received).containsExactlyElementsOf(missed);
                    assertThat(offsets).isSorted().doesNotHaveDuplicates().allMatch(o -> o > Long.parseLong(seen));
                    assertThat(liveEvent.path("data").path("company_uuid").asText()).isEqualTo(live);
                    assertThat(Long.parseLong(liveEvent.path("offset").asText())).isGreaterThan(offsets.get(offsets.size() - 1));
                    assertThat(channel.events().stream().filter(e -> e.path("type").asText().equals("company_created")))
                            .as("nothing twice, nothing else").hasSize(3);
                }
            }
        }
    }
}

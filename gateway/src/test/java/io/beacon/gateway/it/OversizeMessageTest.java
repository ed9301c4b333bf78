package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.beacon.gateway.it.BeaconScenarioSupport.assertError;
import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static org.assertj.core.api.Assertions.assertThat;

/** Messages over the size limit get {@code message_too_large} and then close code 1009. */
class OversizeMessageTest extends ConnectionLimitsSupport {

    private static final int MESSAGE_TOO_BIG = 1009;

    @Test
    void messageOverTheLimitIsRefusedThenTheConnectionIsClosedWith1009() {
        WsClient client = connect();

        client.sendRaw(countRequest("big", MAX_MESSAGE_BYTES + 4_000));
        JsonNode refused = client.awaitMessage(m -> "message_too_large".equals(m.path("error").path("code").asText()),
                "message_too_large");

        assertError(refused, "message_too_large");
        assertThat(client.awaitClose().code()).isEqualTo(MESSAGE_TOO_BIG);
    }

    @Test
    void messageOverTheLimitInSmallFramesIsJudgedByItsWholeSize() {
        WsClient client = connect();

        client.sendInParts(split(countRequest("framed", MAX_MESSAGE_BYTES + 10_000), 16_000));
        JsonNode refused = client.awaitMessage(m -> "message_too_large".equals(m.path("error").path("code").asText()),
                "message_too_large");

        assertError(refused, "message_too_large");
        assertThat(client.awaitClose().code()).isEqualTo(MESSAGE_TOO_BIG);
    }

    @Test
    void messageJustUnderTheLimitInSeveralFramesIsAnswered() {
        WsClient client = connect();
        String request = countRequest("under", MAX_MESSAGE_BYTES - 100);
        assertThat(request.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThan(MAX_MESSAGE_BYTES);

        client.sendInParts(split(request, 20_000));
        JsonNode answer = client.awaitMessage(m -> "under".equals(m.path("request_id").asText()), "answer to the framed request");

        assertThat(success(answer).path("count").isIntegralNumber()).isTrue();
        assertThat(client.isOpen()).isTrue();
    }

    /**
     * A valid {@code count_companies} request of exactly {@code bytes} bytes (ASCII), padded with JSON
     * whitespace so that only its size is unusual.
     */
    private static String countRequest(String requestId, int bytes) {
        String head = "{\"action\":\"count_companies\",\"request_id\":\"" + requestId + "\",\"data\":{}";
        String tail = "}";
        return head + " ".repeat(bytes - head.length() - tail.length()) + tail;
    }

    private static List<String> split(String text, int size) {
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < text.length(); start += size) {
            parts.add(text.substring(start, Math.min(text.length(), start + size)));
        }
        return parts;
    }
}

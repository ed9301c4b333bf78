package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.beacon.gateway.it.BeaconScenarioSupport.assertError;
import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Messages beyond the per-connection rate get {@code rate_limited}; the connection is kept. */
class RateLimitTest extends ConnectionLimitsSupport {

    @Test
    void messagesBeyondThePerMinuteLimitAreRateLimitedAndTheConnectionStaysOpen() {
        WsClient client = connect();
        List<JsonNode> allowed = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_MINUTE; i++) {
            allowed.add(client.call("count_companies", obj()));
        }

        JsonNode limited = client.call("count_companies", obj());
        JsonNode limitedAgain = client.call("list_companies", obj());

        allowed.forEach(BeaconScenarioSupport::success);
        assertError(limited, "rate_limited");
        assertThat(limited.path("action").asText()).isEqualTo("count_companies");
        assertError(limitedAgain, "rate_limited");
        assertThat(client.isOpen()).isTrue();
        assertThat(client.closed()).isEmpty();
    }

    @Test
    void eachConnectionHasItsOwnBudget() {
        WsClient spent = connect();
        for (int i = 0; i <= MESSAGES_PER_MINUTE; i++) {
            spent.call("count_companies", obj());
        }
        assertError(spent.call("count_companies", obj()), "rate_limited");

        WsClient fresh = connect();

        assertThat(success(fresh.call("count_companies", obj())).path("count").isIntegralNumber()).isTrue();
    }
}

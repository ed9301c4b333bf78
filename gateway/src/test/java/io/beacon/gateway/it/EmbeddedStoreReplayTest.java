package io.beacon.gateway.it;

import org.springframework.test.context.TestPropertySource;

/** Replay on the embedded store; shares the application context of the embedded company scenarios. */
@TestPropertySource(properties = "beacon.mongodb-uri=")
class EmbeddedStoreReplayTest extends ReplayScenarios {
}

package io.beacon.gateway.it;

import org.springframework.test.context.TestPropertySource;

/** Old company events on the embedded store; shares the application context of the embedded company scenarios. */
@TestPropertySource(properties = "beacon.mongodb-uri=")
class EmbeddedStoreUpcastingTest extends UpcastingScenarios {
}

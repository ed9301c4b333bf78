package io.beacon.gateway.it;

import org.springframework.test.context.TestPropertySource;

/** The stream_search scenarios on the embedded store, which has no {@code $text}: they run everywhere. */
@TestPropertySource(properties = "beacon.mongodb-uri=")
class EmbeddedStoreStreamSearchTest extends StreamSearchScenarios {
}

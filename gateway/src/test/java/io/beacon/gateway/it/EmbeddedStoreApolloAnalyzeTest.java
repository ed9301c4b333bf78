package io.beacon.gateway.it;

import org.springframework.test.context.TestPropertySource;

/**
 * The {@code analyze} scenarios on the embedded, MongoDB-wire-compatible store, so they run everywhere.
 */
@TestPropertySource(properties = "beacon.mongodb-uri=")
class EmbeddedStoreApolloAnalyzeTest extends ApolloAnalyzeScenarios {
}

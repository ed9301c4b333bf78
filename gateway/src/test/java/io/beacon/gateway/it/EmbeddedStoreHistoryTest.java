package io.beacon.gateway.it;

import org.springframework.test.context.TestPropertySource;

/**
 * The history scenarios on the embedded, MongoDB-wire-compatible store: the default of a fresh
 * machine, so these run everywhere.
 */
@TestPropertySource(properties = "beacon.mongodb-uri=")
class EmbeddedStoreHistoryTest extends HistoryScenarios {
}

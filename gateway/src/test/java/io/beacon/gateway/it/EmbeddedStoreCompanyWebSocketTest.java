package io.beacon.gateway.it;

import org.springframework.test.context.TestPropertySource;

/**
 * The company scenarios on the embedded, MongoDB-wire-compatible store (H2 file in a temporary data
 * directory): the default of a fresh machine, so these run everywhere.
 */
@TestPropertySource(properties = "beacon.mongodb-uri=")
class EmbeddedStoreCompanyWebSocketTest extends CompanyWebSocketScenarios {
}

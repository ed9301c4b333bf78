package io.beacon.gateway.it;

import org.springframework.test.context.TestPropertySource;

/** Projections and their replay on the embedded store. */
@TestPropertySource(properties = "beacon.mongodb-uri=")
class EmbeddedStoreProjectionTest extends ProjectionScenarios {
}

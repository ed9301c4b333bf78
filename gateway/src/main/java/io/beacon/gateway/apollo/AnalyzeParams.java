package io.beacon.gateway.apollo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.common.BeaconException;

/**
 * The {@code data} of {@code analyze}. The URL is kept as JSON so that a number or an array is
 * refused as "not a string" instead of being coerced to text.
 */
record AnalyzeParams(@JsonProperty("url") JsonNode url) {

    /** The URL text; {@code missing_field} if absent or null, {@code validation_error} if not a string. */
    String urlText() {
        if (url == null || url.isNull() || url.isMissingNode()) {
            throw BeaconException.missing("url");
        }
        if (!url.isTextual()) {
            throw BeaconException.validation("url must be a string");
        }
        return url.asText();
    }
}

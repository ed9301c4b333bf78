package io.beacon.contact.value;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Where a contact is and where to find them online. Every field is optional.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ContactMetadata(String city, String state, String country, String linkedinUrl,
                              String website, String facebookUrl, String twitterUrl) {

    public static final ContactMetadata EMPTY = new ContactMetadata(null, null, null, null, null, null, null);
}

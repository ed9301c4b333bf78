package io.beacon.company.value;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Where a company is and how to reach it. Every field is optional.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CompanyMetadata(String city, String state, String country, String phoneNumber,
                              String website, String linkedinUrl, String facebookUrl, String twitterUrl) {

    public static final CompanyMetadata EMPTY = new CompanyMetadata(null, null, null, null, null, null, null, null);
}

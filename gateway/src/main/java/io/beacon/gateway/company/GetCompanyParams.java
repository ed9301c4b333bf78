package io.beacon.gateway.company;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code data} of {@code get_company}.
 */
record GetCompanyParams(@JsonProperty("company_uuid") String companyUuid) {
}

package io.beacon.gateway.apollo;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Set;

/**
 * The {@code data} of the Apollo contact searches of seed 001: the Apollo URL, paging, the view, and
 * the include/exclude company-name and domain filters. List fields take an array of strings or one
 * string (one value: company names may contain commas, so a string is never split).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ApolloSearchParams(
        String url, Integer limit, Long offset, String cursor, String view,
        String includeCompanyName,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> excludeCompanyName,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> includeDomainList,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> excludeDomainList) {

    /** The URL and the company filters, accepted by all three searches. */
    static final Set<String> FILTERS = Set.of("url", "include_company_name", "exclude_company_name",
            "include_domain_list", "exclude_domain_list");

    /** What search_contacts accepts beyond the filters. */
    static final Set<String> SEARCH_EXTRAS = Set.of("limit", "offset", "cursor", "view");

    /** What get_uuids accepts beyond the filters. */
    static final Set<String> UUIDS_EXTRAS = Set.of("limit");
}

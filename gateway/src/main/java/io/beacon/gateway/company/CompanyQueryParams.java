package io.beacon.gateway.company;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.gateway.ws.TextList;

import java.util.Set;

/**
 * The {@code data} of the company read actions: every filter of seed 000, plus ordering and
 * pagination, and {@code separated} of the list lookups. Each action accepts the subset it documents
 * (see the field sets below).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompanyQueryParams(
        String name, String address, String companyLocation, String city, String state, String country,
        String phoneNumber, String website, String linkedinUrl, String facebookUrl, String twitterUrl,
        Long employeesCount, Long annualRevenue, Long totalFunding,
        Long employeesMin, Long employeesMax, Long annualRevenueMin, Long annualRevenueMax,
        Long totalFundingMin, Long totalFundingMax,
        TextList industries, TextList keywords, TextList technologies,
        TextList excludeIndustries, TextList excludeKeywords, TextList excludeTechnologies,
        String createdAtAfter, String createdAtBefore, String updatedAtAfter, String updatedAtBefore,
        String search, String ordering,
        Integer limit, Long offset, Integer page, Integer pageSize, String cursor,
        Boolean distinct, String requestUrl, Boolean separated) {

    /** Filter fields shared by every company read action. */
    static final Set<String> FILTERS = Set.of("name", "address", "company_location", "city", "state", "country",
            "phone_number", "website", "linkedin_url", "facebook_url", "twitter_url",
            "employees_count", "annual_revenue", "total_funding",
            "employees_min", "employees_max", "annual_revenue_min", "annual_revenue_max",
            "total_funding_min", "total_funding_max",
            "industries", "keywords", "technologies", "exclude_industries", "exclude_keywords", "exclude_technologies",
            "created_at_after", "created_at_before", "updated_at_after", "updated_at_before",
            "search", "distinct");

    /** What get_company_uuids accepts beyond the filters. */
    static final Set<String> UUIDS_EXTRAS = Set.of("ordering", "limit");

    /** What the attribute lookups (list_industries, …) accept beyond the filters; list attributes add {@code separated}. */
    static final Set<String> LOOKUP_EXTRAS = Set.of("ordering", "limit", "offset");

    /** What list_companies accepts beyond the filters. */
    static final Set<String> LIST_EXTRAS = Set.of("ordering", "limit", "offset", "page", "page_size", "cursor",
            "request_url");
}

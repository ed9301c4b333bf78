package io.beacon.gateway.contact;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.gateway.ws.TextList;

import java.util.Set;

/**
 * The {@code data} of the company contact read actions: the company, every contact filter of seed
 * 000, plus ordering and pagination. Each action accepts the subset it documents (see the field sets
 * below); on the attribute lookups {@code search} and {@code ordering} apply to the listed values.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ContactQueryParams(
        String companyUuid,
        String firstName, String lastName, String email,
        TextList title, TextList seniority, TextList department, TextList emailStatus, TextList contactLocation,
        String workDirectPhone, String homePhone, String mobilePhone, String otherPhone,
        String city, String state, String country,
        String personLinkedinUrl, String website, String facebookUrl, String twitterUrl, String stage,
        TextList excludeTitles, TextList excludeContactLocations, TextList excludeSeniorities,
        TextList excludeDepartments,
        String createdAtAfter, String createdAtBefore, String updatedAtAfter, String updatedAtBefore,
        String search, String ordering,
        Integer limit, Long offset, Integer page, Integer pageSize, String cursor,
        Boolean distinct, String requestUrl) {

    /** The company and the contact filters, shared by every contact read action. */
    static final Set<String> FILTERS = Set.of("company_uuid",
            "first_name", "last_name", "title", "seniority", "department", "email_status", "email", "contact_location",
            "work_direct_phone", "home_phone", "mobile_phone", "other_phone", "city", "state", "country",
            "person_linkedin_url", "website", "facebook_url", "twitter_url", "stage",
            "exclude_titles", "exclude_contact_locations", "exclude_seniorities", "exclude_departments",
            "created_at_after", "created_at_before", "updated_at_after", "updated_at_before",
            "search", "distinct");

    /** What list_company_contacts accepts beyond the filters. */
    static final Set<String> LIST_EXTRAS = Set.of("ordering", "limit", "offset", "page", "page_size", "cursor",
            "request_url");

    /** What get_company_contact_uuids accepts beyond the filters. */
    static final Set<String> UUIDS_EXTRAS = Set.of("ordering", "limit");

    /** What the attribute lookups accept beyond the filters. */
    static final Set<String> VALUES_EXTRAS = Set.of("ordering", "limit", "offset");
}

package io.beacon.contact.query;

import io.beacon.common.FilterValues;

import java.time.Instant;
import java.util.List;

/**
 * Which contacts of a company a query selects. Every criterion is optional (null or empty = no
 * constraint); all given criteria must hold. Matching is case-insensitive and takes values literally
 * (never as patterns).
 * <ul>
 *   <li>Single text criteria ({@code firstName} … {@code stage}) match a substring of the field.</li>
 *   <li>{@code titles} and {@code contactLocations} select contacts whose title (or city, state or
 *       country) contains any of the values; {@code excludeTitles} / {@code excludeContactLocations}
 *       drop contacts whose field contains any of them.</li>
 *   <li>{@code seniorities}, {@code departments}, {@code emailStatuses} select contacts having any of
 *       the values as a whole value; the {@code exclude} lists drop contacts having any.</li>
 *   <li>{@code search} matches a substring of any descriptive field (names, full name, email, title,
 *       seniority, departments, email status, city, state, country).</li>
 *   <li>Date bounds are inclusive.</li>
 * </ul>
 */
public record ContactFilter(
        String firstName, String lastName, String email,
        List<String> titles, List<String> seniorities, List<String> departments, List<String> emailStatuses,
        List<String> contactLocations,
        String workDirectPhone, String homePhone, String mobilePhone, String otherPhone,
        String city, String state, String country,
        String linkedinUrl, String website, String facebookUrl, String twitterUrl, String stage,
        List<String> excludeTitles, List<String> excludeContactLocations, List<String> excludeSeniorities,
        List<String> excludeDepartments,
        Instant createdAtAfter, Instant createdAtBefore, Instant updatedAtAfter, Instant updatedAtBefore,
        String search) {

    /** Longest text accepted in a filter value. */
    public static final int MAX_TEXT = FilterValues.MAX_TEXT;
    /** Most values accepted in one list filter. */
    public static final int MAX_VALUES = FilterValues.MAX_VALUES;

    public static final ContactFilter NONE = new ContactFilter(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public ContactFilter {
        FilterValues.checkTexts(firstName, lastName, email, workDirectPhone, homePhone, mobilePhone,
                otherPhone, city, state, country, linkedinUrl, website, facebookUrl, twitterUrl, stage, search);
        titles = FilterValues.values("title", titles);
        seniorities = FilterValues.values("seniority", seniorities);
        departments = FilterValues.values("department", departments);
        emailStatuses = FilterValues.values("email_status", emailStatuses);
        contactLocations = FilterValues.values("contact_location", contactLocations);
        excludeTitles = FilterValues.values("exclude_titles", excludeTitles);
        excludeContactLocations = FilterValues.values("exclude_contact_locations", excludeContactLocations);
        excludeSeniorities = FilterValues.values("exclude_seniorities", excludeSeniorities);
        excludeDepartments = FilterValues.values("exclude_departments", excludeDepartments);
        FilterValues.checkDates(createdAtAfter, createdAtBefore, updatedAtAfter, updatedAtBefore);
    }
}

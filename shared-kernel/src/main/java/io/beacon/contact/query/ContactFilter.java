package io.beacon.contact.query;

import io.beacon.common.BeaconException;

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
    public static final int MAX_TEXT = 500;
    /** Most values accepted in one list filter. */
    public static final int MAX_VALUES = 200;

    public static final ContactFilter NONE = new ContactFilter(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public ContactFilter {
        for (String text : new String[]{firstName, lastName, email, workDirectPhone, homePhone, mobilePhone,
                otherPhone, city, state, country, linkedinUrl, website, facebookUrl, twitterUrl, stage, search}) {
            if (text != null && text.length() > MAX_TEXT) {
                throw BeaconException.validation("filter text longer than " + MAX_TEXT + " characters");
            }
        }
        titles = values("title", titles);
        seniorities = values("seniority", seniorities);
        departments = values("department", departments);
        emailStatuses = values("email_status", emailStatuses);
        contactLocations = values("contact_location", contactLocations);
        excludeTitles = values("exclude_titles", excludeTitles);
        excludeContactLocations = values("exclude_contact_locations", excludeContactLocations);
        excludeSeniorities = values("exclude_seniorities", excludeSeniorities);
        excludeDepartments = values("exclude_departments", excludeDepartments);
        if (createdAtAfter != null && createdAtBefore != null && createdAtAfter.isAfter(createdAtBefore)) {
            throw BeaconException.validation("created_at_after is later than created_at_before");
        }
        if (updatedAtAfter != null && updatedAtBefore != null && updatedAtAfter.isAfter(updatedAtBefore)) {
            throw BeaconException.validation("updated_at_after is later than updated_at_before");
        }
    }

    private static List<String> values(String name, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_VALUES) {
            throw BeaconException.validation(name + " has more than " + MAX_VALUES + " values");
        }
        return values.stream()
                .map(v -> {
                    if (v == null || v.length() > MAX_TEXT) {
                        throw BeaconException.validation(name + " has a null or over-long value");
                    }
                    return v.trim();
                })
                .filter(v -> !v.isEmpty())
                .toList();
    }
}

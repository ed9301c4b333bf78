package io.beacon.company.query;

import io.beacon.common.BeaconException;

/**
 * The values one attribute takes among the live companies matching {@code filter}; answers
 * {@link CompanyValues}.
 * <ul>
 *   <li>A value is a non-blank text; for a list attribute, the whole non-empty list, or with
 *       {@code separated} each non-blank entry. A value's count is the number of companies having it
 *       (a company repeating an entry counts once).</li>
 *   <li>{@code search} keeps values containing the literal text, case-insensitively (a whole list
 *       matches when any entry does).</li>
 *   <li>{@code distinct} lists each value once; otherwise a value appears once per company having it.</li>
 *   <li>{@code offset} and {@code limit} select a slice of that ordered list.</li>
 * </ul>
 */
public record FindCompanyValues(CompanyAttribute attribute, CompanyFilter filter, String search, boolean separated,
                                boolean distinct, ValueOrdering ordering, long offset, int limit) {

    /** Largest slice served. */
    public static final int MAX_LIMIT = FindCompanies.MAX_LIMIT;

    public FindCompanyValues {
        if (attribute == null) {
            throw new IllegalArgumentException("attribute is required");
        }
        filter = filter == null ? CompanyFilter.NONE : filter;
        search = search == null || search.isEmpty() ? null : search;
        if (search != null && search.length() > CompanyFilter.MAX_TEXT) {
            throw BeaconException.validation("search longer than " + CompanyFilter.MAX_TEXT + " characters");
        }
        // Only a list can be taken apart.
        separated = separated && attribute.isList();
        ordering = ordering == null ? ValueOrdering.VALUE : ordering;
        if (offset < 0) {
            throw BeaconException.validation("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

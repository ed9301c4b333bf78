package io.beacon.contact.query;

import io.beacon.common.BeaconException;
import io.beacon.company.query.ValueOrdering;
import io.beacon.company.value.CompanyId;

import java.util.Objects;

/**
 * The values one attribute takes among a company's contacts matching {@code filter}; answers a
 * {@link ContactValues}, or fails with {@code not_found} when the company does not exist. The same
 * rules as the company lookups ({@link io.beacon.company.query.FindCompanyValues}):
 * <ul>
 *   <li>A value is a non-blank text; {@link ContactAttribute#DEPARTMENTS} are always taken apart (each
 *       department is a value). A value's count is the number of contacts having it.</li>
 *   <li>{@code search} keeps values containing the literal text, case-insensitively.</li>
 *   <li>{@code distinct} lists each value once; otherwise a value appears once per contact having it.</li>
 *   <li>{@code ordering} by value compares case-insensitively, then exactly; counts tie-break by value.</li>
 *   <li>{@code offset} and {@code limit} select a slice of that ordered list.</li>
 * </ul>
 */
public record ListCompanyContactValues(CompanyId companyId, ContactAttribute attribute, ContactFilter filter,
                                       String search, ValueOrdering ordering, boolean distinct, long offset,
                                       int limit) {

    /** Largest slice served. */
    public static final int MAX_LIMIT = FindCompanyContacts.MAX_LIMIT;

    public ListCompanyContactValues {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(attribute, "attribute");
        filter = filter == null ? ContactFilter.NONE : filter;
        ordering = ordering == null ? ValueOrdering.VALUE : ordering;
        search = search == null || search.isEmpty() ? null : search;
        if (search != null && search.length() > ContactFilter.MAX_TEXT) {
            throw BeaconException.validation("search longer than " + ContactFilter.MAX_TEXT + " characters");
        }
        if (offset < 0) {
            throw BeaconException.validation("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

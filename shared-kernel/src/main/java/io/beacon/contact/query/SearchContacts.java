package io.beacon.contact.query;

import io.beacon.common.BeaconException;
import io.beacon.company.query.SortKey;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A page of the contacts matching {@code search} across all companies, in {@code ordering} (ties
 * broken by id), skipping {@code offset}, at most {@code limit} (null = all, up to
 * {@link #MAX_UNLIMITED}). Answers a {@link ContactPage}.
 */
public record SearchContacts(ContactSearch search, List<SortKey> ordering, long offset, Integer limit) {

    /** Fields a search can be ordered by: the contact's, and its company's name, size and revenue. */
    public static final Set<String> SORT_FIELDS = Set.of("id", "uuid", "first_name", "last_name", "email", "title",
            "seniority", "email_status", "city", "state", "country", "created_at", "updated_at",
            "company_name", "company_employees_count", "company_annual_revenue");
    /** Most contacts one answer without a limit carries; more matches are refused (page instead). */
    public static final int MAX_UNLIMITED = 10_000;
    /** Largest page a request with a limit may ask for: as many as an answer without a limit. */
    public static final int MAX_LIMIT = MAX_UNLIMITED;

    public SearchContacts {
        search = Objects.requireNonNullElse(search, ContactSearch.ALL);
        ordering = ordering == null ? List.of() : List.copyOf(ordering);
        for (SortKey key : ordering) {
            if (!SORT_FIELDS.contains(key.field())) {
                throw BeaconException.validation("cannot order contacts by '" + key.field() + "'");
            }
        }
        if (offset < 0) {
            throw BeaconException.validation("offset must not be negative");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

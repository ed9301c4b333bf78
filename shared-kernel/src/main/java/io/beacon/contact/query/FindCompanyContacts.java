package io.beacon.contact.query;

import io.beacon.common.BeaconException;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyId;

import java.util.List;
import java.util.Objects;

/**
 * A page of one company's contacts: those matching {@code filter}, in {@code ordering} (ties broken
 * by id), skipping {@code offset}, at most {@code limit}. Answers a {@link ContactPage}; fails with
 * {@code not_found} when the company does not exist.
 */
public record FindCompanyContacts(CompanyId companyId, ContactFilter filter, List<SortKey> ordering, long offset,
                                  int limit) {

    /** Largest page served. */
    public static final int MAX_LIMIT = 1_000;

    public FindCompanyContacts {
        Objects.requireNonNull(companyId, "companyId");
        filter = filter == null ? ContactFilter.NONE : filter;
        ordering = ordering == null ? List.of() : List.copyOf(ordering);
        if (offset < 0) {
            throw BeaconException.validation("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

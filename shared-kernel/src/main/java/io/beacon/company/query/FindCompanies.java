package io.beacon.company.query;

import io.beacon.common.BeaconException;

import java.util.List;

/**
 * A page of companies: those matching {@code filter}, in {@code ordering} (ties broken by id),
 * skipping {@code offset}, at most {@code limit}. Answers a {@link CompanyPage}.
 */
public record FindCompanies(CompanyFilter filter, List<SortKey> ordering, long offset, int limit) {

    /** Largest page served. */
    public static final int MAX_LIMIT = 1_000;

    public FindCompanies {
        filter = filter == null ? CompanyFilter.NONE : filter;
        ordering = ordering == null ? List.of() : List.copyOf(ordering);
        if (offset < 0) {
            throw BeaconException.validation("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

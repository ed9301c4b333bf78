package io.beacon.company.query;

import io.beacon.common.BeaconException;

import java.util.List;

/**
 * The UUIDs of the companies matching {@code filter}, in {@code ordering} (ties broken by id);
 * {@code limit} null means all of them. Answers a {@link CompanyUuids}.
 */
public record FindCompanyUuids(CompanyFilter filter, List<SortKey> ordering, Integer limit) {

    public FindCompanyUuids {
        filter = filter == null ? CompanyFilter.NONE : filter;
        ordering = ordering == null ? List.of() : List.copyOf(ordering);
        if (limit != null && limit < 1) {
            throw BeaconException.validation("limit must be a positive integer");
        }
    }
}

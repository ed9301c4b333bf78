package io.beacon.contact.query;

import io.beacon.common.BeaconException;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyId;

import java.util.List;
import java.util.Objects;

/**
 * The UUIDs of a company's contacts matching {@code filter}, in {@code ordering} (ties broken by id);
 * {@code limit} null means all of them. Answers a {@link ContactUuids}, or fails with
 * {@code not_found} when the company does not exist.
 */
public record FindCompanyContactUuids(CompanyId companyId, ContactFilter filter, List<SortKey> ordering,
                                      Integer limit) {

    public FindCompanyContactUuids {
        Objects.requireNonNull(companyId, "companyId");
        filter = filter == null ? ContactFilter.NONE : filter;
        ordering = ordering == null ? List.of() : List.copyOf(ordering);
        if (limit != null && limit < 1) {
            throw BeaconException.validation("limit must be a positive integer");
        }
    }
}

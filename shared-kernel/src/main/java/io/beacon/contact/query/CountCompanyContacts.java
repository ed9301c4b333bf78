package io.beacon.contact.query;

import io.beacon.company.value.CompanyId;

import java.util.Objects;

/**
 * How many of a company's contacts match {@code filter}; answers a {@link Long}, or fails with
 * {@code not_found} when the company does not exist.
 */
public record CountCompanyContacts(CompanyId companyId, ContactFilter filter) {

    public CountCompanyContacts {
        Objects.requireNonNull(companyId, "companyId");
        filter = filter == null ? ContactFilter.NONE : filter;
    }
}

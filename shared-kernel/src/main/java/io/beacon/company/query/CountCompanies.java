package io.beacon.company.query;

/**
 * How many companies match {@code filter}; answers a {@link Long}.
 */
public record CountCompanies(CompanyFilter filter) {

    public CountCompanies {
        filter = filter == null ? CompanyFilter.NONE : filter;
    }
}

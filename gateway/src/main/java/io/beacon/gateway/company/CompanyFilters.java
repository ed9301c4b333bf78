package io.beacon.gateway.company;

import io.beacon.company.query.CompanyFilter;
import io.beacon.gateway.ws.WireTime;

import static io.beacon.gateway.ws.TextList.valuesOf;

/**
 * Turns the wire parameters of a company read action into the query side's filter.
 */
final class CompanyFilters {

    private CompanyFilters() {
    }

    static CompanyFilter from(CompanyQueryParams p) {
        return from(p, p.search());
    }

    /**
     * The filter of an attribute lookup, whose {@code search} matches the listed values rather than
     * the companies.
     */
    static CompanyFilter forLookup(CompanyQueryParams p) {
        return from(p, null);
    }

    private static CompanyFilter from(CompanyQueryParams p, String search) {
        return new CompanyFilter(p.name(), p.address(), p.companyLocation(), p.city(), p.state(), p.country(),
                p.phoneNumber(), p.website(), p.linkedinUrl(), p.facebookUrl(), p.twitterUrl(),
                p.employeesCount(), p.annualRevenue(), p.totalFunding(),
                p.employeesMin(), p.employeesMax(), p.annualRevenueMin(), p.annualRevenueMax(),
                p.totalFundingMin(), p.totalFundingMax(),
                valuesOf(p.industries()), valuesOf(p.keywords()), valuesOf(p.technologies()),
                valuesOf(p.excludeIndustries()), valuesOf(p.excludeKeywords()), valuesOf(p.excludeTechnologies()),
                WireTime.parse("created_at_after", p.createdAtAfter()),
                WireTime.parse("created_at_before", p.createdAtBefore()),
                WireTime.parse("updated_at_after", p.updatedAtAfter()),
                WireTime.parse("updated_at_before", p.updatedAtBefore()),
                search);
    }
}

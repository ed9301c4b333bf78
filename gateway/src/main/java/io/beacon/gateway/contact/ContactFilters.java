package io.beacon.gateway.contact;

import io.beacon.common.BeaconException;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.query.ContactFilter;
import io.beacon.gateway.ws.WireTime;

import static io.beacon.gateway.ws.TextList.valuesOf;

/**
 * Turns the wire parameters of a contact read action into the query side's company and filter.
 */
final class ContactFilters {

    private ContactFilters() {
    }

    static CompanyId company(ContactQueryParams p) {
        if (p.companyUuid() == null) {
            throw BeaconException.missing("company_uuid");
        }
        return CompanyId.of(p.companyUuid());
    }

    /** The filter; {@code withSearch} false leaves {@code search} out (the attribute lookups search values). */
    static ContactFilter from(ContactQueryParams p, boolean withSearch) {
        return new ContactFilter(p.firstName(), p.lastName(), p.email(),
                valuesOf(p.title()), valuesOf(p.seniority()), valuesOf(p.department()), valuesOf(p.emailStatus()),
                valuesOf(p.contactLocation()),
                p.workDirectPhone(), p.homePhone(), p.mobilePhone(), p.otherPhone(),
                p.city(), p.state(), p.country(),
                p.personLinkedinUrl(), p.website(), p.facebookUrl(), p.twitterUrl(), p.stage(),
                valuesOf(p.excludeTitles()), valuesOf(p.excludeContactLocations()), valuesOf(p.excludeSeniorities()),
                valuesOf(p.excludeDepartments()),
                WireTime.parse("created_at_after", p.createdAtAfter()),
                WireTime.parse("created_at_before", p.createdAtBefore()),
                WireTime.parse("updated_at_after", p.updatedAtAfter()),
                WireTime.parse("updated_at_before", p.updatedAtBefore()),
                withSearch ? p.search() : null);
    }
}

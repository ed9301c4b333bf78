package io.beacon.contact;

import io.beacon.contact.query.ContactCompanyCriteria;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.query.ContactSearch;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.beacon.contact.ContactCompanies.lowerCase;
import static io.beacon.contact.ContactDocuments.COMPANY;
import static io.beacon.contact.ContactDocuments.DELETED;
import static io.beacon.contact.ContactDocuments.DEPARTMENTS_LC;

/**
 * The part of a {@link ContactSearch} the store can evaluate with exactly the semantics of
 * {@link ContactSearchMatcher}, as a query on the {@code contacts} collection. It only narrows what is
 * read: every document read is checked again in full, so the answer is the same whether or not the
 * store applies it (the embedded store scans the collection anyway; real MongoDB can use the indexes
 * of {@link ContactIndexes}).
 *
 * <p>Pushed down: liveness of the contact, whole values on the lower-case shadows (departments,
 * industries, keywords), domains (stored already derived), and the envelope of the employee ranges and
 * the revenue bounds. Left to Java: substring texts, titles (normalized), technologies (no stored form
 * compares letters and digits alone), seniorities and email statuses (no lower-case shadow to compare
 * with) and whether the company is deleted (recorded in {@link ContactCompanies}, not in the contact).
 */
final class ContactSearchCriteria {

    static final String DOMAIN = COMPANY + ".domain";
    static final String EMPLOYEES_COUNT = COMPANY + ".employees_count";
    static final String ANNUAL_REVENUE = COMPANY + ".annual_revenue";
    static final String INDUSTRIES_LC = COMPANY + ".industries_lc";
    static final String KEYWORDS_LC = COMPANY + ".keywords_lc";

    /** What a search leaves out of a document: the shadows and the slot key, which it never looks at. */
    private static final String[] NOT_READ = {ContactDocuments.COMPANY_SLOT, DEPARTMENTS_LC, INDUSTRIES_LC, KEYWORDS_LC,
            COMPANY + ".technologies_lc"};

    private ContactSearchCriteria() {
    }

    static Query query(ContactSearch search) {
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where(DELETED).ne(true));
        ContactFilter contact = search.contact();
        if (!contact.departments().isEmpty()) {
            all.add(Criteria.where(DEPARTMENTS_LC).in(lowerCase(contact.departments())));
        }
        if (!contact.excludeDepartments().isEmpty()) {
            all.add(Criteria.where(DEPARTMENTS_LC).nin(lowerCase(contact.excludeDepartments())));
        }
        ContactCompanyCriteria company = search.company();
        if (!company.domains().isEmpty()) {
            all.add(Criteria.where(DOMAIN).in(ContactSearchMatcher.domains(company.domains())));
        }
        Set<String> excludedDomains = ContactSearchMatcher.domains(company.excludeDomains());
        if (!excludedDomains.isEmpty()) {
            all.add(Criteria.where(DOMAIN).nin(excludedDomains));
        }
        employees(all, company.employeeRanges());
        between(all, ANNUAL_REVENUE, company.revenueMin(), company.revenueMax());
        if (!company.industries().isEmpty()) {
            all.add(Criteria.where(INDUSTRIES_LC).in(lowerCase(company.industries())));
        }
        if (!company.excludeIndustries().isEmpty()) {
            all.add(Criteria.where(INDUSTRIES_LC).nin(lowerCase(company.excludeIndustries())));
        }
        if (!company.keywordsAny().isEmpty()) {
            all.add(Criteria.where(KEYWORDS_LC).in(lowerCase(company.keywordsAny())));
        }
        if (!company.keywordsAll().isEmpty()) {
            all.add(Criteria.where(KEYWORDS_LC).all(lowerCase(company.keywordsAll())));
        }
        if (!company.excludeKeywords().isEmpty()) {
            all.add(Criteria.where(KEYWORDS_LC).nin(lowerCase(company.excludeKeywords())));
        }
        Query query = Query.query(all.size() == 1 ? all.get(0) : new Criteria().andOperator(all));
        query.fields().exclude(NOT_READ);
        return query;
    }

    /** The smallest bounds holding every range: exact for one range, a superset for several. */
    private static void employees(List<Criteria> all, List<ContactCompanyCriteria.Range> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        long min = ranges.stream().mapToLong(ContactCompanyCriteria.Range::min).min().orElseThrow();
        Long max = ranges.stream().anyMatch(range -> range.max() == null)
                ? null : ranges.stream().mapToLong(ContactCompanyCriteria.Range::max).max().orElseThrow();
        between(all, EMPLOYEES_COUNT, min, max);
    }

    /** Inclusive bounds; a document without the number (or with null) matches none, as in Java. */
    private static void between(List<Criteria> all, String path, Long min, Long max) {
        if (min == null && max == null) {
            return;
        }
        Criteria criteria = Criteria.where(path);
        if (min != null) {
            criteria.gte(min);
        }
        if (max != null) {
            criteria.lte(max);
        }
        all.add(criteria);
    }
}

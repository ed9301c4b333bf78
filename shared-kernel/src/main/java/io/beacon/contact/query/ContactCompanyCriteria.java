package io.beacon.contact.query;

import io.beacon.common.BeaconException;
import io.beacon.common.FilterValues;

import java.util.List;

/**
 * What a contact search across companies asks of each contact's company. Every criterion is
 * optional (null or empty = no constraint); all given criteria must hold. Text compares
 * case-insensitively and literally (never as a pattern).
 * <ul>
 *   <li>{@code names} / {@code excludeNames}: the company name contains any of the values / none of them.</li>
 *   <li>{@code domains} / {@code excludeDomains}: the company's website domain equals any of the
 *       values / none of them (compared without scheme, {@code www.} and path).</li>
 *   <li>{@code employeeRanges}: the employee count lies in any of the ranges (a company without a
 *       count matches none).</li>
 *   <li>{@code industries} / {@code excludeIndustries}: the company has any of the values as a whole
 *       value / none of them.</li>
 *   <li>{@code technologies} / {@code excludeTechnologies}: likewise, comparing letters and digits only
 *       ({@code woo_commerce} = {@code WooCommerce}, {@code google analytics} = {@code Google-Analytics}).</li>
 *   <li>{@code keywordsAny} / {@code keywordsAll} / {@code excludeKeywords}: the company has any / all /
 *       none of the keywords as whole values.</li>
 *   <li>{@code revenueMin} / {@code revenueMax}: inclusive bounds on annual revenue (a company without
 *       a revenue matches no bound).</li>
 *   <li>{@code locations} / {@code excludeLocations}: the company's city, state or country contains
 *       any of the values / none of them.</li>
 * </ul>
 */
public record ContactCompanyCriteria(
        List<String> names, List<String> excludeNames, List<String> domains, List<String> excludeDomains,
        List<Range> employeeRanges, List<String> industries, List<String> excludeIndustries,
        List<String> keywordsAny, List<String> keywordsAll, List<String> excludeKeywords,
        List<String> technologies, List<String> excludeTechnologies, Long revenueMin, Long revenueMax,
        List<String> locations, List<String> excludeLocations) {

    public static final ContactCompanyCriteria NONE = new ContactCompanyCriteria(null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);

    /** An inclusive range; {@code max} null = no upper bound. */
    public record Range(long min, Long max) {
        public Range {
            if (min < 0 || (max != null && max < 0)) {
                throw BeaconException.validation("a range bound must not be negative");
            }
            if (max != null && max < min) {
                throw BeaconException.validation("range " + min + "-" + max + " has its minimum above its maximum");
            }
        }

        public boolean contains(long value) {
            return value >= min && (max == null || value <= max);
        }
    }

    public ContactCompanyCriteria {
        names = FilterValues.values("company_name", names);
        excludeNames = FilterValues.values("exclude_company_name", excludeNames);
        domains = FilterValues.values("domain", domains);
        excludeDomains = FilterValues.values("exclude_domain", excludeDomains);
        if (employeeRanges == null) {
            employeeRanges = List.of();
        } else if (employeeRanges.size() > FilterValues.MAX_VALUES) {
            throw BeaconException.validation("more than " + FilterValues.MAX_VALUES + " employee ranges");
        } else {
            employeeRanges = List.copyOf(employeeRanges);
        }
        industries = FilterValues.values("industries", industries);
        excludeIndustries = FilterValues.values("exclude_industries", excludeIndustries);
        keywordsAny = FilterValues.values("keywords", keywordsAny);
        keywordsAll = FilterValues.values("keywords_all", keywordsAll);
        excludeKeywords = FilterValues.values("exclude_keywords", excludeKeywords);
        technologies = FilterValues.values("technologies", technologies);
        excludeTechnologies = FilterValues.values("exclude_technologies", excludeTechnologies);
        if ((revenueMin != null && revenueMin < 0) || (revenueMax != null && revenueMax < 0)) {
            throw BeaconException.validation("revenue bounds must not be negative");
        }
        if (revenueMin != null && revenueMax != null && revenueMin > revenueMax) {
            throw BeaconException.validation("revenue minimum " + revenueMin + " is above the maximum " + revenueMax);
        }
        locations = FilterValues.values("company_location", locations);
        excludeLocations = FilterValues.values("exclude_company_location", excludeLocations);
    }
}

package io.beacon.company.query;

import io.beacon.common.BeaconException;
import io.beacon.common.FilterValues;

import java.time.Instant;
import java.util.List;

/**
 * Which companies a query selects. Every criterion is optional (null or empty = no constraint);
 * all given criteria must hold.
 * <ul>
 *   <li>Text criteria ({@code name} … {@code twitterUrl}, {@code companyLocation}, {@code search}) are
 *       case-insensitive substring matches of the literal text. {@code companyLocation} matches the
 *       address, city, state or country; {@code search} matches any descriptive field.</li>
 *   <li>{@code employeesCount}, {@code annualRevenue}, {@code totalFunding} match exactly; the
 *       {@code Min}/{@code Max} pairs are inclusive bounds.</li>
 *   <li>{@code industries}, {@code keywords}, {@code technologies} select companies having any of the
 *       values (case-insensitive, whole value); the {@code exclude} lists drop companies having any.</li>
 *   <li>Date bounds are inclusive.</li>
 * </ul>
 */
public record CompanyFilter(
        String name, String address, String companyLocation, String city, String state, String country,
        String phoneNumber, String website, String linkedinUrl, String facebookUrl, String twitterUrl,
        Long employeesCount, Long annualRevenue, Long totalFunding,
        Long employeesMin, Long employeesMax, Long annualRevenueMin, Long annualRevenueMax,
        Long totalFundingMin, Long totalFundingMax,
        List<String> industries, List<String> keywords, List<String> technologies,
        List<String> excludeIndustries, List<String> excludeKeywords, List<String> excludeTechnologies,
        Instant createdAtAfter, Instant createdAtBefore, Instant updatedAtAfter, Instant updatedAtBefore,
        String search) {

    /** Longest text accepted in a filter value. */
    public static final int MAX_TEXT = FilterValues.MAX_TEXT;
    /** Most values accepted in one list filter. */
    public static final int MAX_VALUES = FilterValues.MAX_VALUES;

    public static final CompanyFilter NONE = new CompanyFilter(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public CompanyFilter {
        FilterValues.checkTexts(name, address, companyLocation, city, state, country, phoneNumber, website,
                linkedinUrl, facebookUrl, twitterUrl, search);
        industries = FilterValues.values("industries", industries);
        keywords = FilterValues.values("keywords", keywords);
        technologies = FilterValues.values("technologies", technologies);
        excludeIndustries = FilterValues.values("exclude_industries", excludeIndustries);
        excludeKeywords = FilterValues.values("exclude_keywords", excludeKeywords);
        excludeTechnologies = FilterValues.values("exclude_technologies", excludeTechnologies);
        range("employees", employeesMin, employeesMax);
        range("annual_revenue", annualRevenueMin, annualRevenueMax);
        range("total_funding", totalFundingMin, totalFundingMax);
        FilterValues.checkDates(createdAtAfter, createdAtBefore, updatedAtAfter, updatedAtBefore);
    }

    private static void range(String name, Long min, Long max) {
        if (min != null && max != null && min > max) {
            throw BeaconException.validation(name + "_min is greater than " + name + "_max");
        }
    }
}

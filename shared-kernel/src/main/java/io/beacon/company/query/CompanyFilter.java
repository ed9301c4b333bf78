package io.beacon.company.query;

import io.beacon.common.BeaconException;

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
    public static final int MAX_TEXT = 500;
    /** Most values accepted in one list filter. */
    public static final int MAX_VALUES = 200;

    public static final CompanyFilter NONE = new CompanyFilter(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public CompanyFilter {
        for (String text : new String[]{name, address, companyLocation, city, state, country, phoneNumber, website,
                linkedinUrl, facebookUrl, twitterUrl, search}) {
            if (text != null && text.length() > MAX_TEXT) {
                throw BeaconException.validation("filter text longer than " + MAX_TEXT + " characters");
            }
        }
        industries = values("industries", industries);
        keywords = values("keywords", keywords);
        technologies = values("technologies", technologies);
        excludeIndustries = values("exclude_industries", excludeIndustries);
        excludeKeywords = values("exclude_keywords", excludeKeywords);
        excludeTechnologies = values("exclude_technologies", excludeTechnologies);
        range("employees", employeesMin, employeesMax);
        range("annual_revenue", annualRevenueMin, annualRevenueMax);
        range("total_funding", totalFundingMin, totalFundingMax);
        if (createdAtAfter != null && createdAtBefore != null && createdAtAfter.isAfter(createdAtBefore)) {
            throw BeaconException.validation("created_at_after is later than created_at_before");
        }
        if (updatedAtAfter != null && updatedAtBefore != null && updatedAtAfter.isAfter(updatedAtBefore)) {
            throw BeaconException.validation("updated_at_after is later than updated_at_before");
        }
    }

    private static List<String> values(String name, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_VALUES) {
            throw BeaconException.validation(name + " has more than " + MAX_VALUES + " values");
        }
        return values.stream()
                .map(v -> {
                    if (v == null || v.length() > MAX_TEXT) {
                        throw BeaconException.validation(name + " has a null or over-long value");
                    }
                    return v.trim();
                })
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static void range(String name, Long min, Long max) {
        if (min != null && max != null && min > max) {
            throw BeaconException.validation(name + "_min is greater than " + name + "_max");
        }
    }
}

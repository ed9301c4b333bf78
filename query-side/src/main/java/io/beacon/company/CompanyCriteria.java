package io.beacon.company;

import io.beacon.common.BeaconException;
import io.beacon.company.query.CompanyFilter;
import io.beacon.company.query.SortKey;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.beacon.company.CompanyDocuments.CREATED_AT;
import static io.beacon.company.CompanyDocuments.DELETED;
import static io.beacon.company.CompanyDocuments.NUMBER;
import static io.beacon.company.CompanyDocuments.UPDATED_AT;

/**
 * Translates a {@link CompanyFilter} and an ordering into a Mongo query on the {@code companies}
 * collection. Filter values only ever become operands, never operators: text is quoted into a regex.
 */
final class CompanyCriteria {

    private static final List<String> LOCATION_PATHS =
            List.of("address", "metadata.city", "metadata.state", "metadata.country");
    private static final List<String> SEARCH_PATHS = List.of("name", "address", "text_search", "metadata.city",
            "metadata.state", "metadata.country", "metadata.website", "industries", "keywords", "technologies");
    private static final Map<String, String> SORT_PATHS = Map.ofEntries(
            Map.entry("id", NUMBER), Map.entry("uuid", CompanyDocuments.ID), Map.entry("name", "name"),
            Map.entry("employees_count", "employees_count"), Map.entry("annual_revenue", "annual_revenue"),
            Map.entry("total_funding", "total_funding"), Map.entry("address", "address"),
            Map.entry("city", "metadata.city"), Map.entry("state", "metadata.state"),
            Map.entry("country", "metadata.country"), Map.entry("created_at", CREATED_AT),
            Map.entry("updated_at", UPDATED_AT));

    private CompanyCriteria() {
    }

    /** The live (not deleted) companies matching {@code filter}, unsorted and unpaged. */
    static Query query(CompanyFilter f) {
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where(DELETED).is(false));
        contains(all, "name", f.name());
        contains(all, "address", f.address());
        contains(all, "metadata.city", f.city());
        contains(all, "metadata.state", f.state());
        contains(all, "metadata.country", f.country());
        contains(all, "metadata.phone_number", f.phoneNumber());
        contains(all, "metadata.website", f.website());
        contains(all, "metadata.linkedin_url", f.linkedinUrl());
        contains(all, "metadata.facebook_url", f.facebookUrl());
        contains(all, "metadata.twitter_url", f.twitterUrl());
        containsAny(all, LOCATION_PATHS, f.companyLocation());
        containsAny(all, SEARCH_PATHS, f.search());
        exactly(all, "employees_count", f.employeesCount());
        exactly(all, "annual_revenue", f.annualRevenue());
        exactly(all, "total_funding", f.totalFunding());
        between(all, "employees_count", f.employeesMin(), f.employeesMax());
        between(all, "annual_revenue", f.annualRevenueMin(), f.annualRevenueMax());
        between(all, "total_funding", f.totalFundingMin(), f.totalFundingMax());
        anyOf(all, "industries_lc", f.industries());
        anyOf(all, "keywords_lc", f.keywords());
        anyOf(all, "technologies_lc", f.technologies());
        noneOf(all, "industries_lc", f.excludeIndustries());
        noneOf(all, "keywords_lc", f.excludeKeywords());
        noneOf(all, "technologies_lc", f.excludeTechnologies());
        during(all, CREATED_AT, f.createdAtAfter(), f.createdAtBefore());
        during(all, UPDATED_AT, f.updatedAtAfter(), f.updatedAtBefore());
        Criteria criteria = all.size() == 1 ? all.get(0) : new Criteria().andOperator(all);
        return Query.query(criteria);
    }

    /** The ordering's keys, then the company number so that equal keys still page stably. */
    static Sort sort(List<SortKey> ordering) {
        List<Sort.Order> orders = new ArrayList<>();
        boolean byNumber = false;
        for (SortKey key : ordering) {
            String path = SORT_PATHS.get(key.field());
            if (path == null) {
                throw BeaconException.validation("cannot order companies by '" + key.field() + "'");
            }
            byNumber |= path.equals(NUMBER);
            orders.add(key.descending() ? Sort.Order.desc(path) : Sort.Order.asc(path));
        }
        if (!byNumber) {
            orders.add(Sort.Order.asc(NUMBER));
        }
        return Sort.by(orders);
    }

    /** A case-insensitive substring match of the literal text. */
    static Criteria containing(String path, String text) {
        return Criteria.where(path).regex(Pattern.quote(text), "i");
    }

    private static void contains(List<Criteria> all, String path, String text) {
        if (text != null && !text.isEmpty()) {
            all.add(containing(path, text));
        }
    }

    private static void containsAny(List<Criteria> all, List<String> paths, String text) {
        if (text != null && !text.isEmpty()) {
            all.add(new Criteria().orOperator(paths.stream().map(path -> containing(path, text)).toList()));
        }
    }

    private static void exactly(List<Criteria> all, String path, Long value) {
        if (value != null) {
            all.add(Criteria.where(path).is(value));
        }
    }

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

    private static void anyOf(List<Criteria> all, String path, List<String> values) {
        if (!values.isEmpty()) {
            all.add(Criteria.where(path).in(CompanyDocuments.lowerCase(values)));
        }
    }

    private static void noneOf(List<Criteria> all, String path, List<String> values) {
        if (!values.isEmpty()) {
            all.add(Criteria.where(path).nin(CompanyDocuments.lowerCase(values)));
        }
    }

    private static void during(List<Criteria> all, String path, Instant after, Instant before) {
        if (after == null && before == null) {
            return;
        }
        Criteria criteria = Criteria.where(path);
        if (after != null) {
            // Stored dates are whole milliseconds: a bound within a millisecond admits only the next one.
            Instant floor = after.truncatedTo(ChronoUnit.MILLIS);
            criteria.gte(Date.from(floor.equals(after) ? floor : floor.plusMillis(1)));
        }
        if (before != null) {
            criteria.lte(Date.from(before.truncatedTo(ChronoUnit.MILLIS)));
        }
        all.add(criteria);
    }
}

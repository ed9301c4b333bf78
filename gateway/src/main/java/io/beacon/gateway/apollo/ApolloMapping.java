package io.beacon.gateway.apollo;

import io.beacon.common.BeaconException;
import io.beacon.company.query.SortKey;
import io.beacon.contact.query.ContactCompanyCriteria;
import io.beacon.contact.query.ContactCompanyCriteria.Range;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.query.ContactSearch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An Apollo people-search URL's parameters turned into Beacon's contact search, with an account of
 * what was applied and what was not (and why).
 *
 * <p>What each parameter means comes from the catalogue's {@code mapping} keys. A parameter Beacon
 * cannot apply is reported, never silently dropped; a parameter Beacon applies but whose values make
 * no sense (a negative range, an unknown industry id, a page of "x") is an error, because dropping it
 * would widen the search. A URL that asks for filtering none of which Beacon can apply is refused too:
 * answering it with every contact would be an unfiltered scan dressed up as a result.
 */
public record ApolloMapping(ContactSearch search, List<SortKey> ordering, Integer page,
                            List<String> mappedNames, List<Unmapped> unmapped) {

    /** A parameter left out of the search, with the reason. */
    public record Unmapped(String name, List<String> values, String category, String reason) {
    }

    /** Categories whose parameters steer paging and order rather than select contacts. */
    private static final Set<String> NOT_FILTERS = Set.of("Pagination", "Sorting");

    public static ApolloMapping of(ApolloUrl url, ApolloCatalogue catalogue, boolean pageable) {
        return new Builder(catalogue, pageable).map(url.parameters());
    }

    private static final class Builder {

        private final ApolloCatalogue catalogue;
        private final boolean pageable;
        private final Map<String, List<String>> lists = new LinkedHashMap<>();
        private final List<Range> employeeRanges = new ArrayList<>();
        private Long revenueMin;
        private Long revenueMax;
        private String personName;
        private String keywords;
        private Integer page;
        /** The order sortByField asks for (null: Beacon's default, by id). */
        private SortKey sortKey;
        private List<String> sortAscendingValues;
        /** Why the parameter being applied is reported unmapped instead. */
        private String reason;
        private final List<String> mapped = new ArrayList<>();
        private final List<Unmapped> unmapped = new ArrayList<>();
        private boolean anyFilter;
        private final List<String> unappliedFilters = new ArrayList<>();

        Builder(ApolloCatalogue catalogue, boolean pageable) {
            this.catalogue = catalogue;
            this.pageable = pageable;
        }

        ApolloMapping map(Map<String, List<String>> parameters) {
            String sortAscendingName = null;
            for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
                String name = entry.getKey();
                List<String> values = entry.getValue();
                ApolloCatalogue.Parameter parameter = catalogue.describe(name);
                if (parameter.mapping() == null) {
                    skip(parameter, values, parameter.unmappedReason() != null
                            ? parameter.unmappedReason() : "Unknown parameter (no mapping defined)");
                    continue;
                }
                List<String> given = values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
                if (given.isEmpty()) {
                    skip(parameter, values, "No value given");
                    continue;
                }
                if (parameter.mapping().equals("sort_ascending")) {
                    sortAscendingName = name;
                    sortAscendingValues = given;
                    continue;
                }
                if (apply(parameter, given)) {
                    mapped.add(name);
                    if (!NOT_FILTERS.contains(parameter.category())) {
                        anyFilter = true;
                    }
                } else {
                    skipReasoned(parameter, values);
                }
            }
            if (sortAscendingName != null) {
                sortDirection(catalogue.describe(sortAscendingName), parameters.get(sortAscendingName));
            }
            if (!anyFilter && !unappliedFilters.isEmpty()) {
                throw BeaconException.validation("none of the URL's filters can be applied in Beacon ("
                        + String.join(", ", unappliedFilters) + "); analyze the URL to see why");
            }
            ContactFilter contact = new ContactFilter(null, null, null, list("titles"), list("seniorities"),
                    list("departments"), list("email_statuses"), list("contact_locations"), null, null, null, null,
                    null, null, null, null, null, null, null, null, list("exclude_titles"),
                    list("exclude_contact_locations"), null, null, null, null, null, null, null);
            ContactCompanyCriteria company = new ContactCompanyCriteria(null, null, list("domains"), null,
                    employeeRanges, list("industries"), list("exclude_industries"), list("keywords_any"),
                    list("keywords_all"), list("exclude_keywords"), list("technologies"),
                    list("exclude_technologies"), revenueMin, revenueMax, list("company_locations"),
                    list("exclude_company_locations"));
            List<SortKey> ordering = sortKey == null ? List.of() : List.of(sortKey);
            return new ApolloMapping(new ContactSearch(contact, company, personName, keywords), ordering, page,
                    List.copyOf(mapped), List.copyOf(unmapped));
        }

        /** Applies one mapped parameter; false when it is reported unmapped instead (with a reason set). */
        private boolean apply(ApolloCatalogue.Parameter parameter, List<String> values) {
            String name = parameter.name();
            switch (parameter.mapping()) {
                case "titles", "exclude_titles", "contact_locations", "exclude_contact_locations", "email_statuses",
                     "keywords_any", "keywords_all", "exclude_keywords", "technologies", "exclude_technologies",
                     "company_locations", "exclude_company_locations", "industries" ->
                        add(parameter.mapping(), values);
                case "seniorities" -> add("seniorities", values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList());
                case "departments" -> add("departments", values.stream().map(this::department).toList());
                case "domains" -> add("domains", values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList());
                case "industry_ids" -> add("industries", industries(name, values));
                case "exclude_industry_ids" -> add("exclude_industries", industries(name, values));
                case "employee_ranges" -> values.forEach(v -> employeeRanges.add(range(name, v)));
                case "revenue_min" -> revenueMin = amount(name, single(name, values));
                case "revenue_max" -> revenueMax = amount(name, single(name, values));
                case "person_name" -> personName = single(name, values);
                case "keywords" -> keywords = single(name, values);
                case "page" -> {
                    int number = number(name, single(name, values));
                    if (!pageable) {
                        reason = "Paging applies with a limit and without offset or cursor; this request returns "
                                + "its results as the request's own fields ask";
                        return false;
                    }
                    page = number;
                }
                case "sort_field" -> {
                    String field = single(name, values);
                    ApolloCatalogue.SortField sortField = catalogue.sortField(field)
                            .orElse(new ApolloCatalogue.SortField(null, "Beacon cannot order by '" + field + "'"));
                    if (sortField.beaconField() == null) {
                        reason = sortField.reason();
                        return false;
                    }
                    // "id" stands for Apollo's "[none]": Beacon's default order. Otherwise Apollo's
                    // usual direction, descending, unless sortAscending turns it round.
                    sortKey = sortField.beaconField().equals("id") ? null : new SortKey(sortField.beaconField(), true);
                }
                default -> throw new IllegalStateException("catalogue mapping '" + parameter.mapping()
                        + "' of " + name + " is not implemented");
            }
            return true;
        }

        private void skipReasoned(ApolloCatalogue.Parameter parameter, List<String> values) {
            skip(parameter, values, reason);
            reason = null;
        }

        private void skip(ApolloCatalogue.Parameter parameter, List<String> values, String why) {
            unmapped.add(new Unmapped(parameter.name(), List.copyOf(values), parameter.category(), why));
            if (!NOT_FILTERS.contains(parameter.category()) && !"Other".equals(parameter.category())) {
                unappliedFilters.add(parameter.name());
            }
        }

        private void sortDirection(ApolloCatalogue.Parameter parameter, List<String> values) {
            if (sortKey == null) {
                skip(parameter, values, "Applies only with a sortByField Beacon can order by");
                return;
            }
            String value = single(parameter.name(), sortAscendingValues).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw BeaconException.validation(parameter.name() + " must be true or false, not '" + value + "'");
            }
            sortKey = new SortKey(sortKey.field(), value.equals("false"));
            mapped.add(parameter.name());
        }

        private void add(String key, List<String> values) {
            lists.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
        }

        private List<String> list(String key) {
            List<String> values = lists.get(key);
            return values == null ? null : List.copyOf(new LinkedHashSet<>(values));
        }

        private String department(String slug) {
            return catalogue.departmentName(slug).orElseGet(() -> {
                String bare = slug.toLowerCase(Locale.ROOT).startsWith("master_") ? slug.substring(7) : slug;
                return bare.replace('_', ' ').trim();
            });
        }

        private List<String> industries(String name, List<String> ids) {
            List<String> names = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String id : ids) {
                catalogue.industryName(id).ifPresentOrElse(names::add, () -> unknown.add(id));
            }
            if (!unknown.isEmpty()) {
                throw BeaconException.validation(name + " has unknown industry tag ids: "
                        + String.join(", ", unknown.stream().limit(5).toList())
                        + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : ""));
            }
            return names;
        }

        private static Range range(String name, String value) {
            String[] bounds = value.split(",", -1);
            try {
                if (bounds.length == 1 || (bounds.length == 2 && bounds[1].isBlank())) {
                    return new Range(Long.parseLong(bounds[0].trim()), null);
                }
                if (bounds.length == 2) {
                    return new Range(Long.parseLong(bounds[0].trim()), Long.parseLong(bounds[1].trim()));
                }
            } catch (NumberFormatException e) {
                // reported below
            } catch (BeaconException e) {
                throw BeaconException.validation(name + " value '" + value + "': " + e.getMessage());
            }
            throw BeaconException.validation(name + " value '" + value
                    + "' is not a range 'min,max' (or 'min' for no upper bound) of whole numbers");
        }

        private static long amount(String name, String value) {
            try {
                long amount = Long.parseLong(value);
                if (amount >= 0) {
                    return amount;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw BeaconException.validation(name + " must be a non-negative whole number of US dollars, not '"
                    + value + "'");
        }

        private static int number(String name, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw BeaconException.validation(name + " must be a page number from 1, not '" + value + "'");
        }

        private static String single(String name, List<String> values) {
            if (new LinkedHashSet<>(values).size() > 1) {
                throw BeaconException.validation(name + " takes one value, the URL gives " + values.size());
            }
            return values.get(0);
        }
    }
}

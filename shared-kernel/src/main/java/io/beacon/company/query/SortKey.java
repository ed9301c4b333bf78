package io.beacon.company.query;

import io.beacon.common.BeaconException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One key of an ordering: a field's API name and a direction.
 */
public record SortKey(String field, boolean descending) {

    /** Fields a company list can be ordered by. */
    public static final Set<String> COMPANY_FIELDS = Set.of("id", "uuid", "name", "employees_count", "annual_revenue",
            "total_funding", "address", "city", "state", "country", "created_at", "updated_at");

    /**
     * Parses an ordering such as {@code "-employees_count,name"}: comma-separated fields, a leading
     * {@code -} for descending. Null or blank gives an empty list.
     */
    public static List<SortKey> parse(String ordering, Set<String> allowed) {
        if (ordering == null || ordering.isBlank()) {
            return List.of();
        }
        List<SortKey> keys = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : ordering.split(",")) {
            String token = part.trim();
            boolean descending = token.startsWith("-");
            String field = descending ? token.substring(1) : token;
            if (!allowed.contains(field)) {
                throw BeaconException.validation("cannot order by '" + token + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (!seen.add(field)) {
                throw BeaconException.validation("ordering names '" + field + "' twice");
            }
            keys.add(new SortKey(field, descending));
        }
        return List.copyOf(keys);
    }
}

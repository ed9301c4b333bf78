package io.beacon.company.query;

import io.beacon.common.BeaconException;

/**
 * How the values of a {@link FindCompanyValues} are ordered. Every ordering is total: values compare
 * case-insensitively, then exactly; counts tie-break by value, ascending.
 */
public enum ValueOrdering {
    VALUE("value"),
    VALUE_DESCENDING("-value"),
    COUNT("count"),
    COUNT_DESCENDING("-count");

    private final String wire;

    ValueOrdering(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The ordering named {@code value}, {@code -value}, {@code count} or {@code -count}; null or blank = by value. */
    public static ValueOrdering parse(String ordering) {
        if (ordering == null || ordering.isBlank()) {
            return VALUE;
        }
        for (ValueOrdering candidate : values()) {
            if (candidate.wire.equals(ordering.trim())) {
                return candidate;
            }
        }
        throw BeaconException.validation("cannot order values by '" + ordering + "'; allowed: value, -value, count, -count");
    }
}

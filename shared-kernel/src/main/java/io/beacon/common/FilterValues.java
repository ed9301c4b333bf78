package io.beacon.common;

import java.time.Instant;
import java.util.List;

/**
 * The checks the company and contact filters share: limits on filter text and list values, and
 * date bounds in order.
 */
public final class FilterValues {

    /** Longest text accepted in a filter value. */
    public static final int MAX_TEXT = 500;
    /** Most values accepted in one list filter. */
    public static final int MAX_VALUES = 200;

    private FilterValues() {
    }

    /** Refuses any text (nulls allowed) longer than {@link #MAX_TEXT}. */
    public static void checkTexts(String... texts) {
        for (String text : texts) {
            if (text != null && text.length() > MAX_TEXT) {
                throw BeaconException.validation("filter text longer than " + MAX_TEXT + " characters");
            }
        }
    }

    /**
     * A list filter's values trimmed, blanks dropped, empty for null; refuses more than
     * {@link #MAX_VALUES} values and null or over-long ones.
     */
    public static List<String> values(String name, List<String> values) {
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

    /** Refuses a created-at or updated-at window whose lower bound is after its upper bound. */
    public static void checkDates(Instant createdAtAfter, Instant createdAtBefore,
                                  Instant updatedAtAfter, Instant updatedAtBefore) {
        if (createdAtAfter != null && createdAtBefore != null && createdAtAfter.isAfter(createdAtBefore)) {
            throw BeaconException.validation("created_at_after is later than created_at_before");
        }
        if (updatedAtAfter != null && updatedAtBefore != null && updatedAtAfter.isAfter(updatedAtBefore)) {
            throw BeaconException.validation("updated_at_after is later than updated_at_before");
        }
    }
}

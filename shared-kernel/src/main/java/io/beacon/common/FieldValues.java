package io.beacon.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks company and contact fields share: a JSON-decoded value brought to a string or a list of
 * strings, and the limits on text length and list size. Messages name the field by its API name.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** The value as a string, or a validation error. */
    public static String text(String apiName, Object value) {
        if (!(value instanceof String s)) {
            throw BeaconException.validation(apiName + " must be a string");
        }
        return s;
    }

    /** The value as an unmodifiable list of strings, or a validation error. */
    public static List<String> textList(String apiName, Object value) {
        if (!(value instanceof List<?> list)) {
            throw BeaconException.validation(apiName + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw BeaconException.validation(apiName + " must be an array of strings");
            }
            strings.add(s);
        }
        return List.copyOf(strings);
    }

    /** Refuses a text longer than {@code maxLength}. */
    public static void checkText(String apiName, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw BeaconException.validation(apiName + " is longer than " + maxLength + " characters");
        }
    }

    /** Refuses a list of more than {@code maxEntries} entries, a null entry, or an entry longer than {@code maxLength}. */
    public static void checkList(String apiName, List<?> list, int maxEntries, int maxLength) {
        if (list.size() > maxEntries) {
            throw BeaconException.validation(apiName + " has more than " + maxEntries + " entries");
        }
        for (Object item : list) {
            if (item == null) {
                throw BeaconException.validation(apiName + " must not contain null");
            }
            if (((String) item).length() > maxLength) {
                throw BeaconException.validation(apiName + " has an entry longer than " + maxLength + " characters");
            }
        }
    }

    /** An unmodifiable copy of the list, empty for null: "no values" has one representation. */
    public static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}

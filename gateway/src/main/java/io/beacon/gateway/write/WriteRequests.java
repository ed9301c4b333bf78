package io.beacon.gateway.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reading the {@code data} of a write request: ids, {@code expected_version}, plain field values and
 * the {@code metadata} object, with the validation errors company and contact writes share.
 */
public final class WriteRequests {

    private WriteRequests() {
    }

    /** A string field that must be present and not null. */
    public static String required(ObjectNode data, String field) {
        if (!data.hasNonNull(field)) {
            throw BeaconException.missing(field);
        }
        return text(data, field);
    }

    /** A field present in {@code data} that must be a string. */
    public static String text(ObjectNode data, String field) {
        JsonNode node = data.get(field);
        if (!node.isTextual()) {
            throw BeaconException.validation(field + " must be a string");
        }
        return node.textValue();
    }

    /** An integer field, or {@code absent} when absent or null; a validation error for anything else. */
    public static int integer(ObjectNode data, String field, int absent) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw BeaconException.validation(field + " must be an integer");
        }
        return node.intValue();
    }

    /** {@code expected_version}, or null when absent or null. */
    public static Long expectedVersion(ObjectNode data) {
        JsonNode version = data.get("expected_version");
        if (version == null || version.isNull()) {
            return null;
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong()) {
            throw BeaconException.validation("expected_version must be an integer");
        }
        return version.longValue();
    }

    /**
     * The JSON value as a plain Java value: null, a string, a list of strings, or (when
     * {@code integers}) a long; anything else (objects, query operators among them) is refused.
     */
    public static Object plain(String name, JsonNode node, boolean integers) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (integers && node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw BeaconException.validation(name + " is out of range");
            }
            return node.longValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw BeaconException.validation(name + " must be an array of strings");
                }
                items.add(item.textValue());
            }
            return items;
        }
        throw BeaconException.validation(name + " has the wrong type");
    }

    /**
     * Reads the {@code metadata} object into {@code values} under {@code metadata.<key>} names: null
     * clears every key of {@code keys}; otherwise each given key's value is read by {@code read}
     * (given the API name and the JSON value, it answers the normalized value), and a key not in
     * {@code keys} is refused.
     */
    public static void readMetadata(JsonNode node, Set<String> keys, Map<String, Object> values,
                                    BiFunction<String, JsonNode, Object> read) {
        if (node.isNull()) {
            keys.forEach(key -> values.put("metadata." + key, null));
            return;
        }
        if (!node.isObject()) {
            throw BeaconException.validation("metadata must be an object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                unknown.add(key);
                continue;
            }
            values.put("metadata." + key, read.apply("metadata." + key, node.get(key)));
        }
        if (!unknown.isEmpty()) {
            throw BeaconException.validation("unknown field(s) in metadata: " + String.join(", ", unknown));
        }
    }
}

package io.beacon.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.common.BeaconException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the auth endpoints' bodies: a JSON object of string fields, nothing else. Done by hand
 * rather than by binding to records because the application's ObjectMapper ignores unknown fields
 * and coerces numbers to strings, and both must be errors here.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The values of {@code fields}, all required strings.
     *
     * @throws BeaconException validation_error naming unknown, missing or non-string fields
     */
    static Map<String, String> strings(JsonNode body, List<String> fields) {
        if (body == null || !body.isObject()) {
            throw BeaconException.validation("the request body must be a JSON object with "
                    + String.join(", ", fields));
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw BeaconException.validation("unknown field(s): " + String.join(", ", unknown));
        }
        List<String> missing = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                missing.add(field);
            } else if (!value.isTextual()) {
                throw BeaconException.validation(field + " must be a string");
            } else {
                values.put(field, value.textValue());
            }
        }
        if (!missing.isEmpty()) {
            throw BeaconException.validation("missing field(s): " + String.join(", ", missing));
        }
        return values;
    }
}

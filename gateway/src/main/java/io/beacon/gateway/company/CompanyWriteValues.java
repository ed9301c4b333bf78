package io.beacon.gateway.company;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.company.value.CompanyField;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the company fields of a create or update request into API-named values
 * ({@code metadata.city} for metadata), keeping explicit nulls so an update can clear a field.
 */
final class CompanyWriteValues {

    static final Set<String> FIELDS = Set.of("name", "employees_count", "annual_revenue", "total_funding",
            "industries", "keywords", "technologies", "address", "text_search", "metadata");
    private static final Set<String> METADATA_FIELDS = Set.of("city", "state", "country", "phone_number", "website",
            "linkedin_url", "facebook_url", "twitter_url");

    private CompanyWriteValues() {
    }

    static Map<String, Object> read(ObjectNode data) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : FIELDS) {
            if (!data.has(name)) {
                continue;
            }
            JsonNode node = data.get(name);
            if (name.equals("metadata")) {
                readMetadata(node, values);
            } else {
                CompanyField field = CompanyField.fromApiName(name);
                values.put(field.apiName(), field.normalize(plain(name, node)));
            }
        }
        return values;
    }

    private static void readMetadata(JsonNode node, Map<String, Object> values) {
        if (node.isNull()) {
            METADATA_FIELDS.forEach(key -> values.put("metadata." + key, null));
            return;
        }
        if (!node.isObject()) {
            throw BeaconException.validation("metadata must be an object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!METADATA_FIELDS.contains(key)) {
                unknown.add(key);
                continue;
            }
            CompanyField field = CompanyField.fromApiName("metadata." + key);
            values.put(field.apiName(), field.normalize(plain("metadata." + key, node.get(key))));
        }
        if (!unknown.isEmpty()) {
            throw BeaconException.validation("unknown field(s) in metadata: " + String.join(", ", unknown));
        }
    }

    private static Object plain(String name, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
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
}

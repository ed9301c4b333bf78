package io.beacon.gateway.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.contact.value.ContactField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the contact fields of a create or update request into API-named, normalized values
 * ({@code metadata.city} for metadata), keeping explicit nulls so an update can clear a field.
 */
final class ContactWriteValues {

    private static final Set<String> METADATA_FIELDS = Arrays.stream(ContactField.values())
            .filter(ContactField::isMetadata)
            .map(field -> field.apiName().substring("metadata.".length()))
            .collect(Collectors.toUnmodifiableSet());
    /** The top-level fields a write may carry: every non-metadata field, and {@code metadata}. */
    static final Set<String> FIELDS = Stream.concat(
                    Arrays.stream(ContactField.values()).filter(field -> !field.isMetadata()).map(ContactField::apiName),
                    Stream.of("metadata"))
            .collect(Collectors.toUnmodifiableSet());

    private ContactWriteValues() {
    }

    static Map<String, Object> read(ObjectNode data) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ContactField field : ContactField.values()) {
            if (!field.isMetadata() && data.has(field.apiName())) {
                values.put(field.apiName(), field.normalize(plain(field.apiName(), data.get(field.apiName()))));
            }
        }
        if (data.has("metadata")) {
            readMetadata(data.get("metadata"), values);
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
            ContactField field = ContactField.fromApiName("metadata." + key);
            values.put(field.apiName(), field.normalize(plain(field.apiName(), node.get(key))));
        }
        if (!unknown.isEmpty()) {
            throw BeaconException.validation("unknown field(s) in metadata: " + String.join(", ", unknown));
        }
    }

    /** The JSON value as a plain Java value; objects (query operators among them) are refused. */
    private static Object plain(String name, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
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

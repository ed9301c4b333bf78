package io.beacon.search.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One match of a {@link StreamSearch}: the document's uuid and display name, its relevance in
 * (0, 1], and a few identifying fields (companies: {@code website}, {@code city}, {@code country};
 * contacts: {@code title}, {@code email}, {@code company_uuid}, {@code company_name}), absent ones left out.
 */
public record SearchHit(String uuid, String name, double score, Map<String, Object> fields) {

    public SearchHit {
        // Insertion order kept: the fields reach the wire in the order the handler put them.
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}

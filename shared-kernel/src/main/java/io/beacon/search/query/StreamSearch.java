package io.beacon.search.query;

import io.beacon.common.BeaconException;

import java.util.Objects;

/**
 * A streaming free-text search: the {@code entity} documents matching {@code query}, answered as a
 * stream of {@link SearchHit}s in the order the read model is scanned, each as soon as it is scored,
 * at most {@code limit} of them. Dispatch with {@code QueryGateway.streamingQuery}.
 *
 * @param entity what to search; null means {@link SearchEntity#COMPANIES}
 * @param query  the text, 1 to {@value #MAX_QUERY_LENGTH} characters once trimmed (stored trimmed)
 * @param limit  most hits, 1 to {@value #MAX_LIMIT}; null means {@value #DEFAULT_LIMIT}
 */
public record StreamSearch(SearchEntity entity, String query, Integer limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 500;
    public static final int MAX_QUERY_LENGTH = 200;

    public StreamSearch {
        entity = Objects.requireNonNullElse(entity, SearchEntity.COMPANIES);
        if (query == null) {
            throw BeaconException.missing("query");
        }
        query = query.strip();
        if (query.isEmpty() || query.length() > MAX_QUERY_LENGTH) {
            throw BeaconException.validation("query must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        limit = Objects.requireNonNullElse(limit, DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

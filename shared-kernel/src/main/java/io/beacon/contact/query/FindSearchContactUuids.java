package io.beacon.contact.query;

import io.beacon.common.BeaconException;

import java.util.Objects;

/**
 * The UUIDs of the contacts matching {@code search} across all companies, by id; {@code limit} null
 * means all of them, up to {@link #MAX_UNLIMITED}. Answers a {@link ContactUuids}.
 */
public record FindSearchContactUuids(ContactSearch search, Integer limit) {

    /** Most UUIDs one answer without a limit carries; more matches are refused. */
    public static final int MAX_UNLIMITED = 100_000;

    public FindSearchContactUuids {
        search = Objects.requireNonNullElse(search, ContactSearch.ALL);
        if (limit != null && (limit < 1 || limit > MAX_UNLIMITED)) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_UNLIMITED);
        }
    }
}

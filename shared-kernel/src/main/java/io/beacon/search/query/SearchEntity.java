package io.beacon.search.query;

import io.beacon.common.BeaconException;

import java.util.Arrays;

/** What a {@link StreamSearch} scans: live companies, or live contacts of live companies. */
public enum SearchEntity {
    COMPANIES("companies"),
    CONTACTS("contacts");

    private final String wireName;

    SearchEntity(String wireName) {
        this.wireName = wireName;
    }

    /** The name clients use ({@code "companies"}, {@code "contacts"}). */
    public String wireName() {
        return wireName;
    }

    /** The entity a client named; anything else is a validation error. */
    public static SearchEntity fromWire(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst()
                .orElseThrow(() -> BeaconException.validation("entity must be one of companies, contacts"));
    }
}

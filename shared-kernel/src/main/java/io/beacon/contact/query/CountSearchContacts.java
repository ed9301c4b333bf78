package io.beacon.contact.query;

import java.util.Objects;

/** How many contacts match {@code search} across all companies. Answers a {@link Long}. */
public record CountSearchContacts(ContactSearch search) {

    public CountSearchContacts {
        search = Objects.requireNonNullElse(search, ContactSearch.ALL);
    }
}

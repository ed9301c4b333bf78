package io.beacon.contact.query;

import io.beacon.contact.value.ContactId;

/**
 * One contact by identity; answers a {@link ContactView}, or nothing when absent or deleted.
 * As a subscription query it receives the contact's view after each of its events (the tombstone
 * view, {@code deleted} true, after a deletion): a write waits on it until the read model shows it.
 */
public record FindContact(ContactId contactId) {
}

package io.beacon.contact.query;

import io.beacon.contact.value.ContactId;

/**
 * One contact by identity, deleted or not: answers its {@link ContactView} ({@code deleted} true for a
 * deleted one), or nothing when the read model has never had it. A write that may touch a deleted
 * contact (erasing its personal data) waits on it, as a subscription query, until the read model shows
 * the version the command answered; {@link FindContact} would show a deleted contact as nothing at all.
 */
public record FindContactIncludingDeleted(ContactId contactId) {
}

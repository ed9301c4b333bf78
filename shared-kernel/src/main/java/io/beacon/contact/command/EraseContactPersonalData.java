package io.beacon.contact.command;

import io.beacon.contact.value.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Erase a contact's personal data (crypto-shredding): its key is destroyed first, durably, then
 * {@code ContactPersonalDataErased} is recorded. Deleted contacts can be erased too; erasing again
 * changes nothing and succeeds, so the command can be retried. An unknown contact is {@code not_found}.
 * Answers the contact's version.
 */
public record EraseContactPersonalData(@TargetAggregateIdentifier ContactId contactId) {

    public EraseContactPersonalData {
        Objects.requireNonNull(contactId, "contactId");
    }
}

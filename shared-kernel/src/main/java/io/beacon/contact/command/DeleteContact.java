package io.beacon.contact.command;

import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Delete a contact. Its history stays in the event store. A writer's delete of a contact that is
 * already deleted is {@code not_found}; the company cascade's is a no-op, so it can be repeated.
 */
public record DeleteContact(@TargetAggregateIdentifier ContactId contactId, ContactDeletionCause cause) {

    public DeleteContact {
        Objects.requireNonNull(contactId, "contactId");
        cause = cause == null ? ContactDeletionCause.REQUESTED : cause;
    }

    /** A writer's delete. */
    public static DeleteContact requested(ContactId contactId) {
        return new DeleteContact(contactId, ContactDeletionCause.REQUESTED);
    }

    /** The delete the company cascade sends for each contact of a deleted company. */
    public static DeleteContact companyDeleted(ContactId contactId) {
        return new DeleteContact(contactId, ContactDeletionCause.COMPANY_DELETED);
    }
}

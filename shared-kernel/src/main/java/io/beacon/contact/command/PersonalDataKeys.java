package io.beacon.contact.command;

import io.beacon.contact.value.ContactId;

/**
 * The keys that encrypt contacts' personal values in the event store, as the command side needs
 * them: to destroy one. The gateway's key store implements it (and does the encrypting); the
 * {@code Contact} aggregate gets it as a handler parameter, so the key is gone before the erasure
 * event is recorded.
 */
@FunctionalInterface
public interface PersonalDataKeys {

    /**
     * Destroys the contact's key, durably (majority write concern on MongoDB, a file commit on the
     * embedded store), and remembers that it was destroyed. Destroying a destroyed key, or a contact's
     * that never had one, succeeds.
     */
    void destroy(ContactId contactId);
}

package io.beacon.contact.value;

/**
 * Why a contact was deleted: a writer asked for it, or its company was deleted and took its
 * contacts with it.
 */
public enum ContactDeletionCause {
    /** A writer deleted the contact itself. */
    REQUESTED,
    /** The contact's company was deleted; the cascade deleted the contact. */
    COMPANY_DELETED
}

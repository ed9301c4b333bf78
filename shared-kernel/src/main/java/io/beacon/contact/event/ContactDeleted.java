package io.beacon.contact.event;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactId;

/**
 * A contact was deleted, by a writer or because its company was deleted ({@code cause}).
 * Its earlier events remain: history is never rewritten.
 */
public record ContactDeleted(ContactId contactId, CompanyId companyId, ContactDeletionCause cause) {
}

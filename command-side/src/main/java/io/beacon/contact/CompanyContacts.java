package io.beacon.contact;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactId;

import java.util.List;

/**
 * What {@link ContactCascade} remembers between events: which live contacts each company has and
 * which companies were deleted, as of the events it has handled. Every method is idempotent, so an
 * event handled again after a restart leaves the same state.
 */
interface CompanyContacts {

    void contactCreated(ContactId contactId, CompanyId companyId);

    void contactDeleted(ContactId contactId);

    void companyDeleted(CompanyId companyId);

    boolean isCompanyDeleted(CompanyId companyId);

    /** The company's contacts not yet seen deleted, in no particular order. */
    List<ContactId> contactsOf(CompanyId companyId);
}

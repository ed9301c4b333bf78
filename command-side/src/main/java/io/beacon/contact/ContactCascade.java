package io.beacon.contact;

import io.beacon.company.event.CompanyDeleted;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Deletes a deleted company's contacts, each with its own {@code ContactDeleted} event.
 *
 * <p>It runs in one tracking processor, so it sees every event once, in global order. A contact
 * created before its company's deletion is deleted when the deletion is handled; one created after
 * it (a create that raced the delete on another node) is deleted when its creation is handled. Every
 * step is idempotent and every deletion is stored before the handler returns, so handling an event
 * again after a crash or a replay finishes the work and duplicates nothing. Failures propagate
 * (see {@link ContactCascadeConfiguration}): the processor retries instead of passing over them.
 */
@Component
@ProcessingGroup(ContactCascade.PROCESSING_GROUP)
class ContactCascade {

    static final String PROCESSING_GROUP = "contact-cascade";
    /** The deleting request's actor and request id, so the contacts' deletions say who caused them. */
    private static final String[] CAUSE_KEYS = {"actor_uuid", "actor_email", "request_id"};

    private final CompanyContacts companyContacts;
    private final CascadeDeletes deletes;

    ContactCascade(CompanyContacts companyContacts, CascadeDeletes deletes) {
        this.companyContacts = companyContacts;
        this.deletes = deletes;
    }

    @EventHandler
    void on(ContactCreated event, MetaData metaData) {
        companyContacts.contactCreated(event.contactId(), event.companyId());
        if (companyContacts.isCompanyDeleted(event.companyId())) {
            deletes.deleteAll(List.of(event.contactId()), metaData.subset(CAUSE_KEYS));
        }
    }

    @EventHandler
    void on(ContactDeleted event) {
        companyContacts.contactDeleted(event.contactId());
    }

    @EventHandler
    void on(CompanyDeleted event, MetaData metaData) {
        // Remembered first: a contact whose creation comes later is then deleted on sight.
        companyContacts.companyDeleted(event.companyId());
        deletes.deleteAll(companyContacts.contactsOf(event.companyId()), metaData.subset(CAUSE_KEYS));
    }
}

package io.beacon.contact;

import io.beacon.company.CompanyProjection;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.query.FindContactIncludingDeleted;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactId;
import io.beacon.readmodel.VersionedDocuments;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.beacon.contact.ContactDocuments.COLLECTION;

/**
 * Projects contact events, and the company events its documents depend on, into the {@code contacts}
 * collection (with {@link ContactCompanies} as the per-company source of what contacts show of their
 * company). A contact's {@code version} is the number of its events applied; handlers write only
 * past the stored version ({@link VersionedDocuments}), and a company change is copied into its contacts
 * as the company's whole current state, so redelivery and replay change nothing. No transactions are
 * needed.
 *
 * <p>It runs in the companies processing group: one processor thread sees company and contact events
 * in their global order (a company before its contacts), and a company write whose read model is
 * visible has reached its contacts too. {@link Order} puts it before the company projection, so a
 * company document never shows a change its contacts do not yet have.
 */
@Component
@ProcessingGroup(CompanyProjection.PROCESSING_GROUP)
@Order(0)
public class ContactProjection {

    private final MongoOperations mongo;
    private final VersionedDocuments documents;
    private final QueryUpdateEmitter emitter;
    private final ContactCompanies companies;

    public ContactProjection(MongoOperations mongo, QueryUpdateEmitter emitter) {
        this.mongo = mongo;
        this.documents = new VersionedDocuments(mongo, COLLECTION);
        this.emitter = emitter;
        this.companies = new ContactCompanies(mongo);
    }

    @EventHandler
    public void on(CompanyCreated event, @SequenceNumber long sequence) {
        // Contacts placed before the company's creation was seen (events of another segment) catch up.
        copyCompanyToContacts(companies.created(event, sequence + 1));
    }

    @EventHandler
    public void on(CompanyUpdated event, @SequenceNumber long sequence) {
        ContactCompanies.Source shown = companies.updated(event, sequence + 1);
        if (shown != null) {
            copyCompanyToContacts(shown);
        }
    }

    @EventHandler
    public void on(CompanyDeleted event, @SequenceNumber long sequence) {
        // Its contacts go with their own ContactDeleted events; the company only stops being listable.
        companies.deleted(event.companyId(), sequence + 1);
    }

    @EventHandler
    public void on(ContactCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (documents.storedVersion(event.contactId().value()) >= sequence + 1) {
            return;
        }
        // A crash between taking the slot and inserting leaves an unused slot, which reads skip.
        ContactCompanies.Placement placement = companies.place(event.companyId());
        Document document = ContactDocuments.created(event, placement.slotKey(), placement.company(), sequence + 1,
                timestamp);
        if (documents.insert(event.contactId().value(), sequence, document)) {
            emit(event.contactId(), ContactDocuments.toView(document));
        }
    }

    @EventHandler
    public void on(ContactUpdated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Update update = VersionedDocuments.versioned(sequence, timestamp);
        event.changes().forEach((name, change) -> {
            ContactField field = ContactField.fromApiName(name);
            Object value = field.normalize(change.newValue());
            update.set(field.apiName(), value);
            if (field == ContactField.DEPARTMENTS) {
                @SuppressWarnings("unchecked")
                List<String> departments = (List<String>) value;
                update.set(ContactDocuments.DEPARTMENTS_LC, ContactCompanies.lowerCase(departments));
            }
        });
        if (!event.erased().isEmpty()) {
            // Read after the key was destroyed (a replay, or the erasure's own retry pending): the values are gone.
            update.set(ContactDocuments.PERSONAL_DATA_ERASED, true);
        }
        apply(event.contactId(), sequence, update);
    }

    /**
     * Empties every personal field. The contacts document is the read model's only copy of those values
     * (no lower-case or search copies of them are kept; lookups and searches read these fields), so the
     * contact can no longer be found by them. A replay reads the earlier events already erased, and
     * writes nulls from the start.
     */
    @EventHandler
    public void on(ContactPersonalDataErased event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Update update = VersionedDocuments.versioned(sequence, timestamp)
                .set(ContactDocuments.PERSONAL_DATA_ERASED, true);
        ContactField.personal().forEach(field -> update.set(field.apiName(), null));
        apply(event.contactId(), sequence, update);
    }

    @EventHandler
    public void on(ContactDeleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        // A tombstone rather than a removal: a late, redelivered event then still finds a newer version,
        // and the company's slot stays taken.
        apply(event.contactId(), sequence,
                VersionedDocuments.versioned(sequence, timestamp).set(ContactDocuments.DELETED, true));
    }

    @ResetHandler
    public void reset() {
        // Removing the documents (not dropping the collections) keeps the indexes for the replay.
        mongo.remove(new Query(), COLLECTION);
        companies.reset();
    }

    /**
     * Sets every contact's {@code company} to the company's current state, a chunk of slot keys at a
     * time (a unique-index lookup on either store). Idempotent: it copies state, not changes.
     */
    private void copyCompanyToContacts(ContactCompanies.Source source) {
        companies.forEachSlotChunk(source, keys -> mongo.updateMulti(
                Query.query(Criteria.where(ContactDocuments.COMPANY_SLOT).in(keys)),
                new Update().set(ContactDocuments.COMPANY, source.company()), COLLECTION));
    }

    private void apply(ContactId id, long sequence, Update update) {
        Document updated = documents.apply(id.value(), sequence, update);
        if (updated != null) {
            emit(id, ContactDocuments.toView(updated));
        }
    }

    private void emit(ContactId id, ContactView view) {
        emitter.emit(FindContact.class, query -> query.contactId().equals(id), view);
        emitter.emit(FindContactIncludingDeleted.class, query -> query.contactId().equals(id), view);
    }
}

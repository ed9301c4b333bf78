package io.beacon.contact;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.LiveCompanies;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.command.CreateContact;
import io.beacon.contact.command.DeleteContact;
import io.beacon.contact.command.EraseContactPersonalData;
import io.beacon.contact.command.PersonalDataKeys;
import io.beacon.contact.command.UpdateContact;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The write model of one contact. It belongs to one company for life. Update, delete and erase handlers
 * return the contact's version after the command (its number of events).
 *
 * <p>Once its personal data is erased, a contact's personal fields stay empty: an update giving one a
 * value is refused (its key is destroyed, so there is nothing to encrypt it with, and an erased person
 * does not come back through an edit). Not snapshotted, so no copy of its fields is stored in clear.
 */
@Aggregate
class Contact {

    @AggregateIdentifier
    private ContactId contactId;
    private CompanyId companyId;
    private ContactFields fields;
    private long version;
    private boolean deleted;
    private boolean personalDataErased;

    Contact() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Contact(CreateContact command, LiveCompanies companies, ContactNumbers numbers) {
        // A company deleted after this check (on another node) is caught by ContactCascade, which
        // sees this contact's creation after the company's deletion and deletes it.
        if (!companies.isLive(command.companyId())) {
            throw BeaconException.notFound("company " + command.companyId() + " not found");
        }
        apply(new ContactCreated(command.contactId(), command.companyId(), numbers.next(), command.fields(), Set.of()));
    }

    @CommandHandler
    long handle(UpdateContact command) {
        requireLive();
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new BeaconException(ErrorCode.CONFLICT,
                    "contact " + contactId + " is at version " + version + ", not " + command.expectedVersion());
        }
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        command.values().forEach((name, newValue) -> {
            ContactField field = ContactField.fromApiName(name);
            Object oldValue = field.get(fields);
            if (!Objects.equals(oldValue, newValue)) {
                if (personalDataErased && field.isPersonal()) {
                    throw BeaconException.validation("the personal data of contact " + contactId
                            + " was erased: " + name + " cannot be set again");
                }
                changes.put(name, new FieldChange(oldValue, newValue));
            }
        });
        if (!changes.isEmpty()) {
            apply(new ContactUpdated(contactId, companyId, changes, Set.of()));
        }
        return version;
    }

    /**
     * Destroys the contact's key, then records the erasure: in that order, so an erasure that was
     * recorded has always taken effect, and a failure in between leaves a command that can simply be
     * sent again. Deleted contacts too (their history stays, unreadable). Erasing again destroys
     * nothing new and records nothing.
     */
    @CommandHandler
    long handle(EraseContactPersonalData command, PersonalDataKeys keys) {
        keys.destroy(contactId);
        if (!personalDataErased) {
            List<String> names = ContactField.personal().stream().map(ContactField::apiName).toList();
            apply(new ContactPersonalDataErased(contactId, companyId, names));
        }
        return version;
    }

    @CommandHandler
    long handle(DeleteContact command) {
        if (deleted) {
            // The cascade may repeat itself after a restart: a second delete of its changes nothing.
            if (command.cause() == ContactDeletionCause.COMPANY_DELETED) {
                return version;
            }
            throw notFound();
        }
        apply(new ContactDeleted(contactId, companyId, command.cause()));
        return version;
    }

    private void requireLive() {
        if (deleted) {
            throw notFound();
        }
    }

    private BeaconException notFound() {
        return BeaconException.notFound("contact " + contactId + " not found");
    }

    @EventSourcingHandler
    void on(ContactCreated event) {
        contactId = event.contactId();
        companyId = event.companyId();
        fields = event.fields();
        version = 1;
    }

    @EventSourcingHandler
    void on(ContactUpdated event) {
        event.changes().forEach((name, change) -> fields = fields.with(ContactField.fromApiName(name), change.newValue()));
        version++;
    }

    @EventSourcingHandler
    void on(ContactPersonalDataErased event) {
        Map<ContactField, Object> values = fields.values();
        ContactField.personal().forEach(field -> values.put(field, null));
        fields = ContactFields.of(values);
        personalDataErased = true;
        version++;
    }

    @EventSourcingHandler
    void on(ContactDeleted event) {
        deleted = true;
        version++;
    }
}

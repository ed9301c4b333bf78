package io.beacon.contact;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.LiveCompanies;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.command.CreateContact;
import io.beacon.contact.command.DeleteContact;
import io.beacon.contact.command.UpdateContact;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
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
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The write model of one contact. It belongs to one company for life. Update and delete handlers
 * return the contact's version after the command (its number of events).
 */
@Aggregate
class Contact {

    @AggregateIdentifier
    private ContactId contactId;
    private CompanyId companyId;
    private ContactFields fields;
    private long version;
    private boolean deleted;

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
        apply(new ContactCreated(command.contactId(), command.companyId(), numbers.next(), command.fields()));
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
            Object oldValue = ContactField.fromApiName(name).get(fields);
            if (!Objects.equals(oldValue, newValue)) {
                changes.put(name, new FieldChange(oldValue, newValue));
            }
        });
        if (!changes.isEmpty()) {
            apply(new ContactUpdated(contactId, companyId, changes));
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
    void on(ContactDeleted event) {
        deleted = true;
        version++;
    }
}

package io.beacon.gateway.history;

import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.query.ContactCompany;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A contact's state folded from its events, oldest first, by the domain's own rule: a change sets its
 * field through {@link ContactFields#with}, as the {@code Contact} aggregate does. {@code version} counts
 * the events folded, and times are shown as the read model shows them ({@link ShownTime}).
 *
 * <p>Personal data erased (crypto-shredding) is as the contacts read model shows it: the erasure empties
 * the personal fields, and an event read after its contact's key was destroyed ({@code erased} not
 * empty) marks the contact erased, its personal values being null already. An event of a kind this fold
 * does not know counts as a version and changes no field.
 */
final class ContactFold {

    private String uuid;
    private String companyUuid;
    private long number;
    private ContactFields fields;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private boolean deleted;
    private boolean personalDataErased;

    /** Folds the next event of the contact's stream. */
    void apply(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof ContactCreated created) {
            uuid = created.contactId().value();
            companyUuid = created.companyId().value();
            number = created.number();
            fields = created.fields();
            createdAt = ShownTime.shown(message.getTimestamp());
            personalDataErased |= !created.erased().isEmpty();
        } else if (fields == null) {
            throw new IllegalStateException("contact event before its creation: " + message.getPayloadType().getName());
        } else if (payload instanceof ContactUpdated updated) {
            updated.changes().forEach((name, change) -> fields = fields.with(ContactField.fromApiName(name), change.newValue()));
            personalDataErased |= !updated.erased().isEmpty();
        } else if (payload instanceof ContactPersonalDataErased) {
            Map<ContactField, Object> values = fields.values();
            ContactField.personal().forEach(field -> values.put(field, null));
            fields = ContactFields.of(values);
            personalDataErased = true;
        } else if (payload instanceof ContactDeleted) {
            deleted = true;
        }
        version++;
        updatedAt = ShownTime.shown(message.getTimestamp());
    }

    /** The uuid of the contact's company (a contact never moves); null before its creation. */
    String companyUuid() {
        return companyUuid;
    }

    /**
     * The contact as contact reads show it, with {@code companyName} as its company's name; empty before
     * its creation or once deleted.
     */
    Optional<ContactView> view(String companyName) {
        if (fields == null || deleted) {
            return Optional.empty();
        }
        return Optional.of(new ContactView(number, uuid, fields.firstName(), fields.lastName(), fields.email(),
                fields.title(), fields.seniority(), fields.departments(), fields.emailStatus(), fields.workDirectPhone(),
                fields.homePhone(), fields.mobilePhone(), fields.otherPhone(), fields.stage(),
                new ContactCompany(companyUuid, companyName), fields.metadata(), version, createdAt, updatedAt,
                personalDataErased, false));
    }
}

package io.beacon.contact;

import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.stereotype.Component;

/**
 * The companies processor's sequencing policy: a contact's events are sequenced with its company's
 * (the company id is the sequence identifier of both). Whatever the processor's segment count, one
 * thread then sees a company's events and its contacts' events in their global order, so the contact
 * projection never copies a company into its contacts while another thread places a new one.
 * Configured by bean name in {@code axon.eventhandling.processors.companies.sequencing-policy}.
 */
@Component(CompanyScopedSequencing.BEAN_NAME)
public class CompanyScopedSequencing implements SequencingPolicy<EventMessage<?>> {

    public static final String BEAN_NAME = "companyScopedSequencing";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof ContactCreated created) {
            return created.companyId().value();
        }
        if (payload instanceof ContactUpdated updated) {
            return updated.companyId().value();
        }
        if (payload instanceof ContactDeleted deleted) {
            return deleted.companyId().value();
        }
        if (payload instanceof ContactPersonalDataErased erased) {
            return erased.companyId().value();
        }
        // Company events: their aggregate identifier is the company id.
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}

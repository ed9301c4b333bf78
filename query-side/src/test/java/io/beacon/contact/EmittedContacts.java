package io.beacon.contact;

import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.value.ContactId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Axon emitter with {@link FindContact} subscriptions whose updates are collected per contact.
 */
final class EmittedContacts {

    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();

    SimpleQueryUpdateEmitter emitter() {
        return emitter;
    }

    /** Subscribes to one contact; the returned list fills as views are emitted for it. */
    List<ContactView> subscribe(ContactId id) {
        var query = new GenericSubscriptionQueryMessage<>(new FindContact(id),
                ResponseTypes.instanceOf(ContactView.class), ResponseTypes.instanceOf(ContactView.class));
        List<ContactView> views = new CopyOnWriteArrayList<>();
        emitter.<ContactView>registerUpdateHandler(query, 1_024).getUpdates()
                .map(SubscriptionQueryUpdateMessage::getPayload)
                .subscribe(views::add);
        return views;
    }
}

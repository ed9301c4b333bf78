package io.beacon.company;

import io.beacon.company.query.CompanyView;
import io.beacon.company.query.FindCompany;
import io.beacon.company.value.CompanyId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Axon emitter with {@link FindCompany} subscriptions whose updates are collected per company.
 */
final class EmittedViews {

    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();

    SimpleQueryUpdateEmitter emitter() {
        return emitter;
    }

    /** Subscribes to one company; the returned list fills as views are emitted for it. */
    List<CompanyView> subscribe(CompanyId id) {
        var query = new GenericSubscriptionQueryMessage<>(new FindCompany(id),
                ResponseTypes.instanceOf(CompanyView.class), ResponseTypes.instanceOf(CompanyView.class));
        List<CompanyView> views = new CopyOnWriteArrayList<>();
        emitter.<CompanyView>registerUpdateHandler(query, 1_024).getUpdates()
                .map(SubscriptionQueryUpdateMessage::getPayload)
                .subscribe(views::add);
        return views;
    }
}

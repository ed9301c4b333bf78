package io.beacon.notification;

import io.beacon.common.BeaconException;
import io.beacon.notification.command.MarkNotificationRead;
import io.beacon.notification.command.PublishNotification;
import io.beacon.notification.event.NotificationPublished;
import io.beacon.notification.event.NotificationRead;
import io.beacon.notification.query.NotificationView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The write model of one notification: whom it is for, and who has read it. It decides who may mark
 * it read (its recipient, or anyone for a broadcast) and records each reader once.
 */
@Aggregate
class Notification {

    @AggregateIdentifier
    private NotificationId notificationId;
    private UserId recipient;
    private final Set<UserId> readers = new HashSet<>();

    Notification() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Notification(PublishNotification command, @MetaDataValue("actor_uuid") String actor) {
        apply(new NotificationPublished(command.notificationId(), command.level(), command.message(),
                command.actionRequired(), command.recipient(), actor == null ? null : UserId.of(actor)));
    }

    /** Answers the version the reader's view has once read, whether or not this call recorded it. */
    @CommandHandler
    long handle(MarkNotificationRead command) {
        if (recipient != null && !recipient.equals(command.userId())) {
            // The same answer as an unknown notification: whether one exists for others is not told.
            throw BeaconException.notFound("notification " + notificationId + " not found");
        }
        if (!readers.contains(command.userId())) {
            apply(new NotificationRead(notificationId, command.userId()));
        }
        return NotificationView.READ_VERSION;
    }

    @EventSourcingHandler
    void on(NotificationPublished event) {
        notificationId = event.notificationId();
        recipient = event.recipient();
    }

    @EventSourcingHandler
    void on(NotificationRead event) {
        readers.add(event.userId());
    }
}

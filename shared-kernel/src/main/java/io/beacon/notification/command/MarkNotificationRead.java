package io.beacon.notification.command;

import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * {@code userId} has read the notification. Only its recipient (or, for a broadcast, anyone) may mark
 * it; for anyone else it is {@code not_found}. Marking it again changes nothing. The handler answers
 * the version the reader's view has once read ({@link io.beacon.notification.query.NotificationView#READ_VERSION}).
 */
public record MarkNotificationRead(@TargetAggregateIdentifier NotificationId notificationId, UserId userId) {

    public MarkNotificationRead {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(userId, "userId");
    }
}

package io.beacon.notification.query;

import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.UserId;

import java.util.Objects;

/**
 * One notification as {@code userId} sees it: a {@link NotificationView}, or nothing when it is unknown
 * or addressed to someone else. As a subscription query it receives that view after each change (its
 * publication, this user's reading it): a write waits on it until the read model shows it.
 */
public record FindNotification(NotificationId notificationId, UserId userId) {

    public FindNotification {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(userId, "userId");
    }
}

package io.beacon.notification.event;

import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.UserId;

/**
 * {@code userId} read the notification. For a broadcast this is that one user's read state: it stays
 * unread for everyone else.
 */
public record NotificationRead(NotificationId notificationId, UserId userId) {
}

package io.beacon.notification.event;

import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.NotificationLevel;
import io.beacon.notification.value.UserId;

/**
 * A notification was published: to {@code recipient}, or to everyone when {@code recipient} is null.
 *
 * @param publisher the user who published it; null when it was not published on a user's request
 */
public record NotificationPublished(NotificationId notificationId, NotificationLevel level, String message,
                                   boolean actionRequired, UserId recipient, UserId publisher) {

    /** True when the notification is for everyone. */
    public boolean broadcast() {
        return recipient == null;
    }
}

package io.beacon.notification.command;

import io.beacon.common.BeaconException;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.NotificationLevel;
import io.beacon.notification.value.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Publish a notification to one user ({@code recipient}) or, with {@code recipient} null, to everyone.
 * The message is required, not blank, and at most {@value #MAX_MESSAGE_LENGTH} characters (code points).
 * Who published it is taken from the command's {@code actor_uuid} metadata.
 */
public record PublishNotification(@TargetAggregateIdentifier NotificationId notificationId, NotificationLevel level,
                                  String message, boolean actionRequired, UserId recipient) {

    public static final int MAX_MESSAGE_LENGTH = 2_000;

    public PublishNotification {
        Objects.requireNonNull(notificationId, "notificationId");
        if (level == null) {
            throw BeaconException.missing("level");
        }
        if (message == null) {
            throw BeaconException.missing("message");
        }
        if (message.isBlank()) {
            throw BeaconException.validation("message must not be blank");
        }
        if (message.codePointCount(0, message.length()) > MAX_MESSAGE_LENGTH) {
            throw BeaconException.validation("message must be at most " + MAX_MESSAGE_LENGTH + " characters");
        }
    }

    /** True when the notification is for everyone. */
    public boolean broadcast() {
        return recipient == null;
    }
}

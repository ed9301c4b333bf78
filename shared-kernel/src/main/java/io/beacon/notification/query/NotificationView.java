package io.beacon.notification.query;

import io.beacon.common.VersionedView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.NotificationLevel;

import java.time.Instant;

/**
 * A notification as one user sees it, with that user's read state. As a {@link VersionedView} its
 * {@link #version()} is {@value #UNREAD_VERSION} while unread and {@value #READ_VERSION} once read, so a
 * write can wait until the read model shows it.
 *
 * @param broadcast true when it was published to everyone
 */
public record NotificationView(NotificationId uuid, NotificationLevel level, String message, boolean actionRequired,
                               boolean read, Instant createdAt, boolean broadcast) implements VersionedView {

    public static final long UNREAD_VERSION = 1;
    public static final long READ_VERSION = 2;

    @Override
    public long version() {
        return read ? READ_VERSION : UNREAD_VERSION;
    }

    @Override
    public boolean deleted() {
        return false;
    }

    /** The same notification, read. */
    public NotificationView asRead() {
        return new NotificationView(uuid, level, message, actionRequired, true, createdAt, broadcast);
    }
}

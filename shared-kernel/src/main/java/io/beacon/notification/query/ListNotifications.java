package io.beacon.notification.query;

import io.beacon.common.BeaconException;
import io.beacon.notification.value.UserId;

import java.util.Objects;

/**
 * A user's notifications, their own and the broadcasts, newest first, answered as a
 * {@link NotificationPage}: with {@code unreadOnly}, only those this user has not read;
 * {@code offset} (≥ 0) and {@code limit} (1–{@value #MAX_LIMIT}) slice the list.
 */
public record ListNotifications(UserId userId, boolean unreadOnly, int offset, int limit) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 1_000;

    public ListNotifications {
        Objects.requireNonNull(userId, "userId");
        if (offset < 0) {
            throw BeaconException.validation("offset must be at least 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

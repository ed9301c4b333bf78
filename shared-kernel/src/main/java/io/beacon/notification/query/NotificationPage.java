package io.beacon.notification.query;

import java.util.List;

/**
 * One page of a user's notifications.
 *
 * @param total  how many notifications the list has (after {@code unread_only}), across all pages
 * @param unread how many of the user's notifications are unread
 */
public record NotificationPage(List<NotificationView> results, long total, long unread) {

    public NotificationPage {
        results = List.copyOf(results);
    }
}

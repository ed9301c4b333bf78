package io.beacon.notification;

import io.beacon.notification.event.NotificationPublished;
import io.beacon.notification.query.NotificationView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.NotificationLevel;
import io.beacon.notification.value.UserId;
import io.beacon.readmodel.VersionedDocuments;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * The layout of the notifications read model, built so that every read is a lookup by a unique key
 * (the embedded store uses no other index):
 * <ul>
 *   <li>{@value #ENTRIES}: one document per notification in its inbox, {@code _id}
 *       {@code "<inbox>#<slot>"}, where the inbox is the recipient's uuid or {@value #BROADCAST} for
 *       broadcasts and slots count from 0; {@code key} {@code "<inbox>#<notification uuid>"} is unique;</li>
 *   <li>{@value #INBOXES}: per inbox, {@code slots}, how many slots it has handed out;</li>
 *   <li>{@value #READS}: one document per (user, notification) read, {@code _id}
 *       {@code "<user uuid>#<notification uuid>"}; a broadcast read by one user stays unread for others.</li>
 * </ul>
 */
final class NotificationDocuments {

    static final String ENTRIES = "notification_entries";
    static final String INBOXES = "notification_inboxes";
    static final String READS = "notification_reads";
    static final String BROADCAST = "*";

    static final String ID = "_id";
    static final String KEY = "key";
    static final String SLOTS = "slots";
    static final String NOTIFICATION = "notification";
    static final String LEVEL = "level";
    static final String MESSAGE = "message";
    static final String ACTION_REQUIRED = "action_required";
    static final String BROADCAST_FIELD = "broadcast";
    static final String CREATED_AT = "created_at";

    private NotificationDocuments() {
    }

    /** The inbox a notification lands in: its recipient's, or the broadcast inbox. */
    static String inbox(UserId recipient) {
        return recipient == null ? BROADCAST : recipient.value();
    }

    static String slotId(String inbox, long slot) {
        return inbox + "#" + slot;
    }

    static String key(String inbox, NotificationId id) {
        return inbox + "#" + id.value();
    }

    static String readId(UserId user, NotificationId id) {
        return user.value() + "#" + id.value();
    }

    static Document entry(NotificationPublished event, String inbox, long slot, Instant timestamp) {
        return new Document(ID, slotId(inbox, slot))
                .append(KEY, key(inbox, event.notificationId()))
                .append(NOTIFICATION, event.notificationId().value())
                .append(LEVEL, event.level().wire())
                .append(MESSAGE, event.message())
                .append(ACTION_REQUIRED, event.actionRequired())
                .append(BROADCAST_FIELD, event.broadcast())
                .append(CREATED_AT, VersionedDocuments.toDate(timestamp));
    }

    static NotificationId notificationOf(Document entry) {
        return NotificationId.of(entry.getString(NOTIFICATION));
    }

    static Instant createdAt(Document entry) {
        return entry.get(CREATED_AT, Date.class).toInstant();
    }

    static NotificationView toView(Document entry, boolean read) {
        return new NotificationView(notificationOf(entry), NotificationLevel.of(entry.getString(LEVEL)),
                entry.getString(MESSAGE), entry.getBoolean(ACTION_REQUIRED, false), read, createdAt(entry),
                entry.getBoolean(BROADCAST_FIELD, false));
    }
}

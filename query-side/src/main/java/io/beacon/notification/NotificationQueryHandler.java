package io.beacon.notification;

import io.beacon.notification.query.FindNotification;
import io.beacon.notification.query.ListNotifications;
import io.beacon.notification.query.NotificationPage;
import io.beacon.notification.query.NotificationView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.UserId;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.beacon.notification.NotificationDocuments.BROADCAST;
import static io.beacon.notification.NotificationDocuments.ENTRIES;
import static io.beacon.notification.NotificationDocuments.ID;
import static io.beacon.notification.NotificationDocuments.INBOXES;
import static io.beacon.notification.NotificationDocuments.KEY;
import static io.beacon.notification.NotificationDocuments.READS;
import static io.beacon.notification.NotificationDocuments.SLOTS;

/**
 * Answers a user's notifications from the read model: their inbox and the broadcast inbox, read by
 * {@code $in} over slot keys (a unique-index lookup on either store), with their read marks looked up
 * the same way, then merged newest first, filtered and sliced in memory.
 */
@Component
public class NotificationQueryHandler {

    private static final int CHUNK = 500;
    private static final Comparator<NotificationView> NEWEST_FIRST = Comparator
            .comparing(NotificationView::createdAt).reversed()
            .thenComparing(view -> view.uuid().value(), Comparator.reverseOrder());

    private final MongoOperations mongo;

    public NotificationQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public NotificationView handle(FindNotification query) {
        Document entry = entryFor(mongo, query.notificationId(), query.userId());
        if (entry == null) {
            return null;
        }
        return NotificationDocuments.toView(entry, readIds(query.userId(), List.of(query.notificationId()))
                .contains(NotificationDocuments.readId(query.userId(), query.notificationId())));
    }

    @QueryHandler
    public NotificationPage handle(ListNotifications query) {
        Map<String, Document> entries = new LinkedHashMap<>();
        for (String inbox : List.of(query.userId().value(), BROADCAST)) {
            for (Document entry : inboxEntries(inbox)) {
                entries.putIfAbsent(entry.getString(NotificationDocuments.NOTIFICATION), entry);
            }
        }
        List<NotificationId> ids = entries.values().stream().map(NotificationDocuments::notificationOf).toList();
        Set<String> reads = readIds(query.userId(), ids);
        List<NotificationView> views = new ArrayList<>(entries.size());
        long unread = 0;
        for (Document entry : entries.values()) {
            boolean read = reads.contains(NotificationDocuments.readId(query.userId(), NotificationDocuments.notificationOf(entry)));
            if (!read) {
                unread++;
            }
            if (!read || !query.unreadOnly()) {
                views.add(NotificationDocuments.toView(entry, read));
            }
        }
        views.sort(NEWEST_FIRST);
        int from = (int) Math.min(query.offset(), views.size());
        int to = (int) Math.min((long) from + query.limit(), views.size());
        return new NotificationPage(views.subList(from, to), views.size(), unread);
    }

    /** The entry of the notification in {@code user}'s inbox or the broadcast inbox; null when in neither. */
    static Document entryFor(MongoOperations mongo, NotificationId id, UserId user) {
        List<String> keys = List.of(NotificationDocuments.key(user.value(), id), NotificationDocuments.key(BROADCAST, id));
        return mongo.findOne(Query.query(Criteria.where(KEY).in(keys)), Document.class, ENTRIES);
    }

    private List<Document> inboxEntries(String inbox) {
        Document counter = mongo.findOne(Query.query(Criteria.where(ID).is(inbox)), Document.class, INBOXES);
        long slots = counter == null ? 0 : ((Number) counter.get(SLOTS)).longValue();
        List<Document> entries = new ArrayList<>();
        List<String> chunk = new ArrayList<>(CHUNK);
        for (long slot = 0; slot < slots; slot++) {
            chunk.add(NotificationDocuments.slotId(inbox, slot));
            if (chunk.size() == CHUNK || slot == slots - 1) {
                entries.addAll(mongo.find(Query.query(Criteria.where(ID).in(chunk)), Document.class, ENTRIES));
                chunk.clear();
            }
        }
        return entries;
    }

    /** The read-mark ids among these notifications' marks for {@code user}. */
    private Set<String> readIds(UserId user, List<NotificationId> ids) {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> keys = ids.subList(from, Math.min(ids.size(), from + CHUNK)).stream()
                    .map(id -> NotificationDocuments.readId(user, id)).toList();
            Query query = Query.query(Criteria.where(ID).in(keys));
            query.fields().include(ID);
            mongo.find(query, Document.class, READS).forEach(read -> found.add(read.getString(ID)));
        }
        return found;
    }
}

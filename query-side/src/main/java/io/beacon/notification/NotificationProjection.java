package io.beacon.notification;

import io.beacon.notification.event.NotificationPublished;
import io.beacon.notification.event.NotificationRead;
import io.beacon.notification.query.FindNotification;
import io.beacon.notification.query.NotificationView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.UserId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.beacon.notification.NotificationDocuments.ENTRIES;
import static io.beacon.notification.NotificationDocuments.ID;
import static io.beacon.notification.NotificationDocuments.INBOXES;
import static io.beacon.notification.NotificationDocuments.KEY;
import static io.beacon.notification.NotificationDocuments.READS;
import static io.beacon.notification.NotificationDocuments.SLOTS;

/**
 * Projects notification events into per-inbox entries and per-user read marks
 * ({@link NotificationDocuments}), in its own {@value #PROCESSING_GROUP} processing group. Every handler
 * is idempotent without transactions: an entry's unique {@code key} and a read mark's {@code _id} make
 * a redelivered event change nothing (a crash between taking a slot and writing its entry leaves an
 * empty slot, which reads skip).
 */
@Component
@ProcessingGroup(NotificationProjection.PROCESSING_GROUP)
public class NotificationProjection {

    public static final String PROCESSING_GROUP = "notifications";

    private final MongoOperations mongo;
    private final QueryUpdateEmitter emitter;

    public NotificationProjection(MongoOperations mongo, QueryUpdateEmitter emitter) {
        this.mongo = mongo;
        this.emitter = emitter;
    }

    @EventHandler
    public void on(NotificationPublished event, @Timestamp Instant timestamp) {
        String inbox = NotificationDocuments.inbox(event.recipient());
        String key = NotificationDocuments.key(inbox, event.notificationId());
        if (mongo.exists(Query.query(Criteria.where(KEY).is(key)), ENTRIES)) {
            return;
        }
        Document entry = NotificationDocuments.entry(event, inbox, takeSlot(inbox), timestamp);
        try {
            mongo.insert(entry, ENTRIES);
        } catch (DuplicateKeyException e) {
            return;
        }
        UserId recipient = event.recipient();
        emitter.emit(FindNotification.class, query -> query.notificationId().equals(event.notificationId())
                && (recipient == null || recipient.equals(query.userId())), NotificationDocuments.toView(entry, false));
    }

    @EventHandler
    public void on(NotificationRead event) {
        try {
            mongo.insert(new Document(ID, NotificationDocuments.readId(event.userId(), event.notificationId())), READS);
        } catch (DuplicateKeyException e) {
            // Read already (a redelivery): the view below is the same, and emitting it again is harmless.
        }
        Document entry = NotificationQueryHandler.entryFor(mongo, event.notificationId(), event.userId());
        if (entry != null) {
            emit(event.notificationId(), event.userId(), NotificationDocuments.toView(entry, true));
        }
    }

    @ResetHandler
    public void reset() {
        // Removing the documents (not dropping the collections) keeps the indexes for the replay.
        mongo.remove(new Query(), ENTRIES);
        mongo.remove(new Query(), INBOXES);
        mongo.remove(new Query(), READS);
    }

    /** The inbox's next free slot, taken for good. */
    private long takeSlot(String inbox) {
        Document counter = mongo.findAndModify(Query.query(Criteria.where(ID).is(inbox)), new Update().inc(SLOTS, 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, INBOXES);
        return ((Number) counter.get(SLOTS)).longValue() - 1;
    }

    private void emit(NotificationId id, UserId user, NotificationView view) {
        emitter.emit(FindNotification.class, query -> query.notificationId().equals(id) && query.userId().equals(user),
                view);
    }
}

package io.beacon.gateway.feed;

import com.fasterxml.jackson.core.type.TypeReference;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.gateway.ws.WireJson;
import io.beacon.notification.event.NotificationPublished;
import io.beacon.notification.event.NotificationRead;
import io.beacon.notification.value.UserId;
import io.beacon.upload.event.UploadCompleted;
import io.beacon.upload.event.UploadFailed;
import io.beacon.upload.event.UploadProcessingStarted;
import io.beacon.upload.event.UploadProgressed;
import io.beacon.upload.event.UploadRecordsCreated;
import io.beacon.upload.event.UploadStarted;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the channel endpoint pushes for a stored event: company and contact events become
 * {@code company_created|updated|deleted} and {@code contact_created|updated|deleted} with
 * {@code {company_uuid, (contact_uuid,) changes, version, actor, request_id, occurred_at}}, on the channels
 * {@code companies}, {@code company:<uuid>} and {@code audit}. A published notification becomes
 * {@code notification} (to one user, on {@code notifications:<user uuid>}) or {@code system_notification}
 * (a broadcast, on {@code notifications:*}) with {@code {notification_uuid, level, message, action_required}};
 * a notification read by its reader becomes {@code status_update}
 * {@code {entity_type: "notification", entity_id, status: "read"}} on that reader's channel only (a broadcast
 * read by one user stays unread for the others). Upload events become {@code status_update},
 * {@code upload_progress} and {@code new_records} on {@code uploads:<owner uuid>} and {@code uploads:*}
 * ({@link UploadFeeds}). Every pushed event is also on {@code audit}. Other events are not pushed.
 *
 * <p>An erasure of a contact's personal data is pushed as {@code contact_updated} whose changes set each
 * personal field to null ({@code {old: null, new: null}}: the old value is gone too) and whose
 * {@code erased} lists those fields, so a client that applies updates clears them without knowing
 * erasures. A contact event read after its contact's erasure carries {@code erased} likewise.
 */
final class FeedEvents {

    static final String COMPANIES = "companies";
    static final String AUDIT = "audit";
    static final String COMPANY_PREFIX = "company:";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private FeedEvents() {
    }

    /** The event's offset: its global position in the event store. */
    static long offsetOf(TrackingToken token) {
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalStateException("the event store's tokens are positions, not " + token);
    }

    static Optional<FeedEvent> of(TrackedEventMessage<?> message) {
        return of(message, channels -> true);
    }

    /**
     * The pushed event, if the stored one is pushed on channels {@code wanted} accepts: the channels are
     * decided first, so an event nobody asked for is never built nor written as JSON (a resume reads
     * every stored event of the range, most of them for other channels).
     */
    static Optional<FeedEvent> of(TrackedEventMessage<?> message, Predicate<List<String>> wanted) {
        Object payload = message.getPayload();
        if (payload instanceof NotificationPublished published) {
            List<String> channels = List.of(published.broadcast() ? NotificationFeeds.BROADCAST
                    : NotificationFeeds.user(published.recipient().value()), AUDIT);
            return wanted.test(channels) ? Optional.of(notification(message, published, channels)) : Optional.empty();
        }
        if (payload instanceof NotificationRead read) {
            List<String> channels = List.of(NotificationFeeds.user(read.userId().value()), AUDIT);
            return wanted.test(channels)
                    ? Optional.of(statusUpdate(message, "notification", read.notificationId().value(), "read", channels))
                    : Optional.empty();
        }
        if (payload instanceof UploadStarted
                || payload instanceof UploadProcessingStarted
                || payload instanceof UploadProgressed
                || payload instanceof UploadRecordsCreated
                || payload instanceof UploadCompleted
                || payload instanceof UploadFailed) {
            return upload(message, wanted);
        }
        if (ReplayFeeds.handles(payload)) {
            return ReplayFeeds.of(message, wanted);
        }
        String company;
        String contact = null;
        String type;
        Supplier<Map<String, Object>> changes;
        Collection<String> erased = List.of();
        if (payload instanceof CompanyCreated e) {
            company = e.companyId().value();
            type = "company_created";
            changes = () -> created(e.fields());
        } else if (payload instanceof CompanyUpdated e) {
            company = e.companyId().value();
            type = "company_updated";
            changes = () -> updated(e.changes());
        } else if (payload instanceof CompanyDeleted e) {
            company = e.companyId().value();
            type = "company_deleted";
            changes = Map::of;
        } else if (payload instanceof ContactCreated e) {
            company = e.companyId().value();
            contact = e.contactId().value();
            type = "contact_created";
            changes = () -> created(e.fields());
            erased = e.erased();
        } else if (payload instanceof ContactUpdated e) {
            company = e.companyId().value();
            contact = e.contactId().value();
            type = "contact_updated";
            changes = () -> updated(e.changes());
            erased = e.erased();
        } else if (payload instanceof ContactPersonalDataErased e) {
            company = e.companyId().value();
            contact = e.contactId().value();
            type = "contact_updated";
            changes = () -> erasedChanges(e.fields());
            erased = e.fields();
        } else if (payload instanceof ContactDeleted e) {
            company = e.companyId().value();
            contact = e.contactId().value();
            type = "contact_deleted";
            changes = () -> Map.of("cause", e.cause().name().toLowerCase(Locale.ROOT));
        } else {
            return Optional.empty();
        }
        List<String> channels = List.of(COMPANIES, COMPANY_PREFIX + company, AUDIT);
        if (!wanted.test(channels)) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("company_uuid", company);
        if (contact != null) {
            data.put("contact_uuid", contact);
        }
        data.put("changes", changes.get());
        if (!erased.isEmpty()) {
            data.put("erased", List.copyOf(erased));
        }
        if (message instanceof DomainEventMessage<?> domain) {
            // The entity's version once this event applies: what its read-model document then shows.
            data.put("version", domain.getSequenceNumber() + 1);
        }
        data.put("actor", actor(message.getMetaData()));
        data.put("request_id", message.getMetaData().getOrDefault("request_id", null));
        data.put("occurred_at", message.getTimestamp().toString());
        return Optional.of(new FeedEvent(offsetOf(message.trackingToken()), type, message.getTimestamp(), data, channels));
    }

    /**
     * An upload's event, on its owner's channel, the channel of all uploads and {@code audit}: a change of
     * status ({@code UploadStarted}: queued, {@code UploadProcessingStarted}: processing, completed, failed) is
     * a {@code status_update}; rows recorded are an {@code upload_progress}; records created a
     * {@code new_records}. Each carries the upload's {@code version} once it applies.
     */
    private static Optional<FeedEvent> upload(TrackedEventMessage<?> message, Predicate<List<String>> wanted) {
        Object payload = message.getPayload();
        UploadId id;
        UserId owner;
        String type;
        Map<String, Object> data = new LinkedHashMap<>();
        if (payload instanceof UploadStarted e) {
            id = e.uploadId();
            owner = e.owner();
            type = "status_update";
            status(data, id, UploadStatus.QUEUED);
            data.put("total_rows", e.totalRows());
        } else if (payload instanceof UploadProcessingStarted e) {
            id = e.uploadId();
            owner = e.owner();
            type = "status_update";
            status(data, id, UploadStatus.PROCESSING);
            data.put("rows_processed", e.fromRow());
            data.put("total_rows", e.totalRows());
        } else if (payload instanceof UploadProgressed e) {
            id = e.uploadId();
            owner = e.owner();
            type = "upload_progress";
            data.put("upload_id", id.value());
            data.put("status", UploadStatus.PROCESSING.wire());
            data.put("progress", UploadView.percent(e.rowsProcessed(), e.totalRows()));
            data.put("rows_processed", e.rowsProcessed());
            data.put("total_rows", e.totalRows());
            data.put("current_operation", "creating_" + e.type().wire());
            data.put("rows_created", e.created());
            data.put("rows_failed", (long) e.errors().size());
        } else if (payload instanceof UploadRecordsCreated e) {
            id = e.uploadId();
            owner = e.owner();
            type = "new_records";
            data.put("count", e.count());
            data.put("upload_id", id.value());
            data.put("entity", e.type().wire());
        } else if (payload instanceof UploadCompleted e) {
            id = e.uploadId();
            owner = e.owner();
            type = "status_update";
            status(data, id, UploadStatus.COMPLETED);
            data.put("rows_processed", e.rowsProcessed());
            data.put("total_rows", e.totalRows());
            data.put("rows_created", e.rowsCreated());
            data.put("rows_failed", e.rowsFailed());
        } else {
            UploadFailed e = (UploadFailed) payload;
            id = e.uploadId();
            owner = e.owner();
            type = "status_update";
            status(data, id, UploadStatus.FAILED);
            data.put("reason", e.reason());
            data.put("rows_processed", e.rowsProcessed());
            data.put("total_rows", e.totalRows());
        }
        List<String> channels = List.of(UploadFeeds.owner(owner.value()), UploadFeeds.ALL, AUDIT);
        if (!wanted.test(channels)) {
            return Optional.empty();
        }
        if (message instanceof DomainEventMessage<?> domain) {
            data.put("version", domain.getSequenceNumber() + 1);
        }
        return Optional.of(new FeedEvent(offsetOf(message.trackingToken()), type, message.getTimestamp(), data, channels));
    }

    private static void status(Map<String, Object> data, UploadId id, UploadStatus status) {
        data.put("entity_type", "upload");
        data.put("entity_id", id.value());
        data.put("status", status.wire());
        data.put("upload_id", id.value());
    }

    /** The type is chosen by audience, not level: a broadcast is a system notification whatever its level. */
    private static FeedEvent notification(TrackedEventMessage<?> message, NotificationPublished event,
                                          List<String> channels) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notification_uuid", event.notificationId().value());
        data.put("level", event.level().wire());
        data.put("message", event.message());
        data.put("action_required", event.actionRequired());
        String type = event.broadcast() ? "system_notification" : "notification";
        return new FeedEvent(offsetOf(message.trackingToken()), type, message.getTimestamp(), data, channels);
    }

    /** An entity's new status, pushed on {@code channels} (its audience and {@code audit}). */
    private static FeedEvent statusUpdate(TrackedEventMessage<?> message, String entityType, String entityId,
                                          String status, List<String> channels) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity_type", entityType);
        data.put("entity_id", entityId);
        data.put("status", status);
        return new FeedEvent(offsetOf(message.trackingToken()), "status_update", message.getTimestamp(), data, channels);
    }

    /** A created entity's fields as changes from nothing: {@code {field: {old: null, new: value}}}, metadata flattened. */
    private static Map<String, Object> created(Object fields) {
        Map<String, Object> changes = new LinkedHashMap<>();
        WireJson.MAPPER.convertValue(fields, MAP).forEach((field, value) -> {
            if (value instanceof Map<?, ?> nested && field.equals("metadata")) {
                nested.forEach((key, inner) -> {
                    if (inner != null) {
                        changes.put("metadata." + key, change(null, inner));
                    }
                });
            } else if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                changes.put(field, change(null, value));
            }
        });
        return changes;
    }

    private static Map<String, Object> updated(Map<String, FieldChange> fieldChanges) {
        Map<String, Object> changes = new LinkedHashMap<>();
        fieldChanges.forEach((field, change) -> changes.put(field, change(change.oldValue(), change.newValue())));
        return changes;
    }

    /** Every erased field set to null, its old value unknown from now on. */
    private static Map<String, Object> erasedChanges(List<String> fields) {
        Map<String, Object> changes = new LinkedHashMap<>();
        fields.forEach(field -> changes.put(field, change(null, null)));
        return changes;
    }

    private static Map<String, Object> change(Object oldValue, Object newValue) {
        return EventAttribution.change(oldValue, newValue);
    }

    private static Map<String, Object> actor(MetaData metaData) {
        return EventAttribution.actor(metaData);
    }
}

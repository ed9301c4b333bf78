package io.beacon.gateway.history;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.value.ContactField;
import org.axonframework.eventhandling.DomainEventMessage;
import io.beacon.gateway.feed.EventAttribution;
import org.axonframework.messaging.MetaData;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One event of a company's or contact's history as the history actions answer it:
 * {@code {sequence, type, occurred_at, actor: {uuid, email}, request_id, changes: {field: {old, new}}}},
 * plus {@code upload_id} and {@code upload_row} for a row of an upload, and {@code cause} for a contact's
 * deletion (a writer's request or its company's deletion). Types are the channel feed's
 * ({@code company_updated}, …); field names the API's ({@code metadata.city}), as update events record them.
 * A creation lists every field it gave a value, from {@code null}; a deletion changes no field, and so
 * does an event of a kind added later (named after its class: {@code ContactXyz} is {@code contact_xyz}).
 *
 * <p>Values are what the stored events hold once read: a personal value erased since reads as null, and
 * the entry's {@code erased} names those fields. The erasure itself is shown as the channel feed pushes
 * it: a {@code contact_updated} setting each personal field to null ({@code {old: null, new: null}}: the
 * old value is gone too), with {@code erased} listing them.
 */
final class HistoryEntries {

    private HistoryEntries() {
    }

    static Map<String, Object> entry(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        MetaData metaData = message.getMetaData();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sequence", message.getSequenceNumber());
        entry.put("type", type(payload));
        entry.put("occurred_at", message.getTimestamp());
        entry.put("actor", actor(metaData));
        entry.put("request_id", metaData.get("request_id"));
        entry.put("changes", changes(payload));
        Collection<String> erased = erased(payload);
        if (!erased.isEmpty()) {
            entry.put("erased", List.copyOf(erased));
        }
        if (payload instanceof ContactDeleted deleted) {
            entry.put("cause", deleted.cause().name().toLowerCase(Locale.ROOT));
        }
        if (metaData.containsKey("upload_id")) {
            entry.put("upload_id", metaData.get("upload_id"));
        }
        if (metaData.containsKey("upload_row")) {
            entry.put("upload_row", metaData.get("upload_row"));
        }
        return entry;
    }

    private static String type(Object payload) {
        if (payload instanceof CompanyCreated) {
            return "company_created";
        }
        if (payload instanceof CompanyUpdated) {
            return "company_updated";
        }
        if (payload instanceof CompanyDeleted) {
            return "company_deleted";
        }
        if (payload instanceof ContactCreated) {
            return "contact_created";
        }
        if (payload instanceof ContactUpdated || payload instanceof ContactPersonalDataErased) {
            return "contact_updated";
        }
        if (payload instanceof ContactDeleted) {
            return "contact_deleted";
        }
        // A kind added later (an erasure, …) is named after its class, as the feed's types are: ContactXyz -> contact_xyz.
        return payload.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> changes(Object payload) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (payload instanceof CompanyCreated created) {
            for (CompanyField field : CompanyField.values()) {
                given(changes, field.apiName(), field.get(created.fields()));
            }
        } else if (payload instanceof ContactCreated created) {
            for (ContactField field : ContactField.values()) {
                given(changes, field.apiName(), field.get(created.fields()));
            }
        } else if (payload instanceof CompanyUpdated updated) {
            updated.changes().forEach((field, change) -> changes.put(field, change(change)));
        } else if (payload instanceof ContactUpdated updated) {
            updated.changes().forEach((field, change) -> changes.put(field, change(change)));
        } else if (payload instanceof ContactPersonalDataErased erasure) {
            erasure.fields().forEach(field -> changes.put(field, change(new FieldChange(null, null))));
        }
        return changes;
    }

    /** The personal fields whose values the event held but that can no longer be read (erased). */
    private static Collection<String> erased(Object payload) {
        if (payload instanceof ContactCreated created) {
            return created.erased();
        }
        if (payload instanceof ContactUpdated updated) {
            return updated.erased();
        }
        if (payload instanceof ContactPersonalDataErased erasure) {
            return erasure.fields();
        }
        return List.of();
    }

    /** A created field, if it has a value: an empty list is no value, as the fields hold absent lists. */
    private static void given(Map<String, Object> changes, String field, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            changes.put(field, change(new FieldChange(null, value)));
        }
    }

    private static Map<String, Object> change(FieldChange change) {
        return EventAttribution.change(change.oldValue(), change.newValue());
    }

    private static Map<String, Object> actor(MetaData metaData) {
        return EventAttribution.actor(metaData);
    }
}

package io.beacon.gateway.feed;

import org.axonframework.messaging.MetaData;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an event's author and a field's change are shown, the same in pushes and in the audit trail:
 * {@code actor: {uuid, email}} from the metadata a command carried, and {@code {old, new}}.
 */
public final class EventAttribution {

    private EventAttribution() {
    }

    /** Who made the change; null for an event no user's request made. */
    public static Map<String, Object> actor(MetaData metaData) {
        Object uuid = metaData.get("actor_uuid");
        if (uuid == null) {
            return null;
        }
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("uuid", uuid);
        actor.put("email", metaData.get("actor_email"));
        return actor;
    }

    /** One field's change, {@code {old, new}}. */
    public static Map<String, Object> change(Object oldValue, Object newValue) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("old", oldValue);
        change.put("new", newValue);
        return change;
    }
}

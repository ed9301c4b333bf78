package io.beacon.notification.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.UuidIds;

/**
 * A notification's identity: a canonical, lower-case UUID string.
 */
public record NotificationId(String value) {

    public NotificationId {
        value = UuidIds.canonical(value, "notification_uuid");
    }

    @JsonCreator
    public static NotificationId of(String value) {
        return new NotificationId(value);
    }

    public static NotificationId random() {
        return new NotificationId(UuidIds.random());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}

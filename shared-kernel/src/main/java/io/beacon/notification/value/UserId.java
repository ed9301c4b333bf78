package io.beacon.notification.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.UuidIds;

/**
 * A user's identity as notifications name it (a recipient, a reader, a publisher): the canonical,
 * lower-case form of the account's UUID.
 */
public record UserId(String value) {

    public UserId {
        value = UuidIds.canonical(value, "user_uuid");
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
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

package io.beacon.contact.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.UuidIds;

/**
 * A contact's identity: a canonical, lower-case UUID string.
 */
public record ContactId(String value) {

    public ContactId {
        value = UuidIds.canonical(value, "contact_uuid");
    }

    @JsonCreator
    public static ContactId of(String value) {
        return new ContactId(value);
    }

    public static ContactId random() {
        return new ContactId(UuidIds.random());
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

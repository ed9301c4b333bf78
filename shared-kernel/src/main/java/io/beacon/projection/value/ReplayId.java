package io.beacon.projection.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.UuidIds;

/** Identifies one replay of a projection: the id of its ProjectionReplay aggregate, a canonical UUID. */
public record ReplayId(String value) {

    public ReplayId {
        value = UuidIds.canonical(value, "replay_id");
    }

    @JsonCreator
    public static ReplayId of(String value) {
        return new ReplayId(value);
    }

    public static ReplayId random() {
        return new ReplayId(UuidIds.random());
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

package io.beacon.upload.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.UuidIds;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An upload's identity: a canonical, lower-case UUID string.
 */
public record UploadId(String value) {

    public UploadId {
        value = UuidIds.canonical(value, "upload_id");
    }

    @JsonCreator
    public static UploadId of(String value) {
        return new UploadId(value);
    }

    public static UploadId random() {
        return new UploadId(UuidIds.random());
    }

    /**
     * The identity of whatever row {@code row} of this upload creates, the same every time the row is
     * handled (a name-based UUID of the upload and the row), so a row handled twice creates nothing twice.
     */
    public String rowEntityId(long row) {
        return UUID.nameUUIDFromBytes(("beacon-upload:" + value + ":" + row).getBytes(StandardCharsets.UTF_8)).toString();
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

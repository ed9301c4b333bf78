package io.beacon.upload.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.BeaconException;

import java.util.Locale;

/** How an uploaded file is written: CSV with a header row, or one JSON object per line. */
public enum UploadFormat {
    CSV,
    NDJSON;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UploadFormat of(String wire) {
        for (UploadFormat format : values()) {
            if (format.wire().equals(wire)) {
                return format;
            }
        }
        throw BeaconException.validation("format must be csv or ndjson");
    }
}

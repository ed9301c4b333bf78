package io.beacon.upload.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.BeaconException;

import java.util.Locale;

/** What an upload's rows create: companies or contacts. */
public enum UploadType {
    COMPANIES,
    CONTACTS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UploadType of(String wire) {
        for (UploadType type : values()) {
            if (type.wire().equals(wire)) {
                return type;
            }
        }
        throw BeaconException.validation("type must be companies or contacts");
    }
}

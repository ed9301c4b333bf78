package io.beacon.upload.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.BeaconException;

import java.util.Locale;

/**
 * Where an upload stands: {@code queued} once accepted, {@code processing} while a node works through
 * its rows (again after a restart), then {@code completed} or {@code failed} for good.
 */
public enum UploadStatus {
    QUEUED,
    PROCESSING,
    COMPLETED,
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UploadStatus of(String wire) {
        for (UploadStatus status : values()) {
            if (status.wire().equals(wire)) {
                return status;
            }
        }
        throw BeaconException.validation("status must be one of queued, processing, completed, failed");
    }
}

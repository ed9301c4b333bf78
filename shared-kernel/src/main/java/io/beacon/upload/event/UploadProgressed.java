package io.beacon.upload.event;

import io.beacon.notification.value.UserId;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;

import java.util.List;

/**
 * Rows {@code fromRow + 1} to {@code rowsProcessed} of {@code totalRows} are done: {@code created} of them
 * created a record, the others failed as {@code errors} says. Recorded at a bounded rate, each range once.
 */
public record UploadProgressed(UploadId uploadId, UserId owner, UploadType type, long fromRow, long rowsProcessed,
                               long totalRows, long created, List<RowError> errors) {

    public UploadProgressed {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}

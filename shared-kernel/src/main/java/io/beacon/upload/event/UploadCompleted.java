package io.beacon.upload.event;

import io.beacon.notification.value.UserId;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;

/** Every row is processed: {@code rowsCreated} created a record, {@code rowsFailed} have errors. */
public record UploadCompleted(UploadId uploadId, UserId owner, UploadType type, long rowsProcessed, long totalRows,
                              long rowsCreated, long rowsFailed) {
}

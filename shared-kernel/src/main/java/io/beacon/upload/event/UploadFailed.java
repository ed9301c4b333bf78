package io.beacon.upload.event;

import io.beacon.notification.value.UserId;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;

/** The upload stopped for good after {@code rowsProcessed} rows, for {@code reason}; what was created stays. */
public record UploadFailed(UploadId uploadId, UserId owner, UploadType type, String reason, long rowsProcessed,
                           long totalRows) {
}

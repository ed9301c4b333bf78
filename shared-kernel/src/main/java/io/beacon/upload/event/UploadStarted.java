package io.beacon.upload.event;

import io.beacon.notification.value.UserId;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;

/** An upload was accepted, its file stored: status {@code queued}. */
public record UploadStarted(UploadId uploadId, UserId owner, UploadType type, UploadFormat format, String fileName,
                            long totalRows, long sizeBytes) {
}

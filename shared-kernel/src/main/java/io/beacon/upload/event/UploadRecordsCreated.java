package io.beacon.upload.event;

import io.beacon.notification.value.UserId;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;

/**
 * {@code count} new records (companies or contacts, by {@code type}) came from the upload's rows recorded
 * with the {@link UploadProgressed} just before: what dashboards are told as {@code new_records}.
 */
public record UploadRecordsCreated(UploadId uploadId, UserId owner, UploadType type, long count) {
}

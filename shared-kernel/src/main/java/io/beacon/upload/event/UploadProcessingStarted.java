package io.beacon.upload.event;

import io.beacon.notification.value.UserId;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;

/**
 * A node took up the upload from row {@code fromRow + 1} (0 at first, more when it resumes after a crash):
 * status {@code processing}. {@code attempt} counts the times it was taken up, from 1.
 */
public record UploadProcessingStarted(UploadId uploadId, UserId owner, UploadType type, String node, long fromRow,
                                      long totalRows, int attempt) {
}

package io.beacon.upload.query;

import io.beacon.common.VersionedView;
import io.beacon.notification.value.UserId;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;

import java.time.Instant;
import java.util.List;

/**
 * An upload as the read model shows it. {@code errors} is the requested page of its row errors (row
 * order); {@code errorCount} counts them all. {@code version} is the number of upload events applied.
 *
 * @param finishedAt when it completed or failed; null before
 * @param failureReason why it failed; null unless it did
 */
public record UploadView(UploadId uploadId, UserId owner, UploadType type, UploadFormat format, String fileName,
                         long sizeBytes, UploadStatus status, long totalRows, long rowsProcessed, long rowsCreated,
                         long rowsFailed, List<RowError> errors, int attempts, String failureReason,
                         Instant createdAt, Instant updatedAt, Instant finishedAt, long version) implements VersionedView {

    public UploadView {
        errors = List.copyOf(errors);
    }

    /** Whole percent of rows processed: 100 once there is nothing left (an empty file too). */
    public int progress() {
        return percent(rowsProcessed, totalRows);
    }

    public static int percent(long rowsProcessed, long totalRows) {
        return totalRows == 0 ? 100 : (int) Math.min(100, rowsProcessed * 100 / totalRows);
    }

    @Override
    public boolean deleted() {
        return false;
    }
}

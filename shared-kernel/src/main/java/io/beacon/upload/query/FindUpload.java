package io.beacon.upload.query;

import io.beacon.common.BeaconException;
import io.beacon.upload.value.UploadId;

import java.util.Objects;

/**
 * One upload as an {@link UploadView}, or nothing when unknown, with its row errors from the
 * {@code errorsOffset}-th (0 = the first, in row order) on, at most {@code errorsLimit}
 * (0–{@value #MAX_ERRORS_LIMIT}). As a subscription query it receives the view after each change.
 */
public record FindUpload(UploadId uploadId, int errorsOffset, int errorsLimit) {

    public static final int DEFAULT_ERRORS_LIMIT = 1_000;
    public static final int MAX_ERRORS_LIMIT = 10_000;

    public FindUpload {
        Objects.requireNonNull(uploadId, "uploadId");
        if (errorsOffset < 0) {
            throw BeaconException.validation("errors_offset must be at least 0");
        }
        if (errorsLimit < 0 || errorsLimit > MAX_ERRORS_LIMIT) {
            throw BeaconException.validation("errors_limit must be between 0 and " + MAX_ERRORS_LIMIT);
        }
    }

    /** The upload with its first errors, as a write waits on it. */
    public static FindUpload of(UploadId uploadId) {
        return new FindUpload(uploadId, 0, DEFAULT_ERRORS_LIMIT);
    }
}

package io.beacon.upload.query;

import io.beacon.common.BeaconException;
import io.beacon.notification.value.UserId;
import io.beacon.upload.value.UploadStatus;

/**
 * Uploads newest first, as an {@link UploadPage}: {@code owner}'s, or everyone's when {@code owner} is null
 * (admins); only those in {@code status} when it is given. {@code offset} (≥ 0) and {@code limit}
 * (1–{@value #MAX_LIMIT}) slice the list. The views carry no row errors ({@link FindUpload} pages them).
 */
public record ListUploads(UserId owner, UploadStatus status, int offset, int limit) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 1_000;

    public ListUploads {
        if (offset < 0) {
            throw BeaconException.validation("offset must be at least 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

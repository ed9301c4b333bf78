package io.beacon.upload.value;

import java.util.Objects;

/** Why row {@code row} (1 = the first record after a CSV header) of an upload created nothing. */
public record RowError(long row, String message) {

    public RowError {
        if (row < 1) {
            throw new IllegalArgumentException("rows count from 1");
        }
        Objects.requireNonNull(message, "message");
    }
}

package io.beacon.upload.command;

import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Objects;

/**
 * Rows {@code fromRow + 1} to {@code toRow} are done: {@code created} of them created a record, and
 * {@code errors} says why each of the others did not. Accepted only from where the upload stands
 * ({@code fromRow} equals its rows processed), so a stale node cannot record rows twice.
 */
public record RecordUploadProgress(@TargetAggregateIdentifier UploadId uploadId, long fromRow, long toRow,
                                   long created, List<RowError> errors) {

    public RecordUploadProgress {
        Objects.requireNonNull(uploadId, "uploadId");
        errors = List.copyOf(errors);
        if (fromRow < 0 || toRow < fromRow) {
            throw new IllegalArgumentException("progress runs forward: " + fromRow + " -> " + toRow);
        }
        if (created < 0 || created + errors.size() != toRow - fromRow) {
            throw new IllegalArgumentException("every row of " + (fromRow + 1) + ".." + toRow
                    + " is created or has an error: " + created + " created, " + errors.size() + " errors");
        }
        for (RowError error : errors) {
            if (error.row() <= fromRow || error.row() > toRow) {
                throw new IllegalArgumentException("error of row " + error.row() + " outside " + (fromRow + 1) + ".." + toRow);
            }
        }
    }
}

package io.beacon.upload.command;

import io.beacon.upload.value.UploadId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Every row of the file is processed; {@code rowsProcessed} is how many the file had. */
public record CompleteUpload(@TargetAggregateIdentifier UploadId uploadId, long rowsProcessed) {

    public CompleteUpload {
        Objects.requireNonNull(uploadId, "uploadId");
    }
}

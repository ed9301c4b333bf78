package io.beacon.upload.command;

import io.beacon.upload.value.UploadId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** The upload cannot go on (its file is unreadable past some row, or it stayed failing): {@code reason} says why. */
public record FailUpload(@TargetAggregateIdentifier UploadId uploadId, String reason) {

    public FailUpload {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(reason, "reason");
    }
}

package io.beacon.upload.command;

import io.beacon.upload.value.UploadId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * A node takes up the upload's rows (first, or again after a crash or a lost lease). Answers the number
 * of rows already processed: the node goes on from the row after.
 */
public record BeginUploadProcessing(@TargetAggregateIdentifier UploadId uploadId, String node) {

    public BeginUploadProcessing {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(node, "node");
    }
}

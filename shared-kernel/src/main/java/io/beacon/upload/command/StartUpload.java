package io.beacon.upload.command;

import io.beacon.notification.value.UserId;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Accept an upload whose file is stored: {@code totalRows} records of {@code type}, written as
 * {@code format}, {@code sizeBytes} long, on behalf of {@code owner}. {@code fileName} is what the client
 * called it, if it said (null otherwise).
 */
public record StartUpload(@TargetAggregateIdentifier UploadId uploadId, UserId owner, UploadType type,
                          UploadFormat format, String fileName, long totalRows, long sizeBytes) {

    public StartUpload {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        if (totalRows < 0 || sizeBytes < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }
}

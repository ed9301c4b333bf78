package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.notification.value.UserId;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An upload machinery that accepts any file and then answers a scripted series of upload states, one per
 * look, the last one for good. {@link #received} is the file it was given.
 */
final class FakeUploadTarget implements UploadTarget {

    final UploadId id = UploadId.random();
    final Deque<UploadView> states = new ArrayDeque<>();
    BeaconException refusal;
    String received;
    UploadType type;
    UploadFormat format;
    int lastErrorsLimit = -1;
    private UploadView last;

    UploadView view(UploadStatus status, long processed, long total, long created, long failed, List<RowError> errors,
                    String failureReason) {
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        return new UploadView(id, UserId.of(CliActor.UUID_TEXT), UploadType.COMPANIES, UploadFormat.CSV, "companies.csv",
                1_000, status, total, processed, created, failed, errors, 1, failureReason, at, at,
                status.finished() ? at : null, 1);
    }

    @Override
    public UploadView start(UploadType type, UploadFormat format, String fileName, InputStream body) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        this.type = type;
        this.format = format;
        received = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        return next();
    }

    @Override
    public UploadView find(UploadId id, int errorsLimit) {
        lastErrorsLimit = errorsLimit;
        UploadView view = next();
        // Errors come as many as asked for, as the real query pages them.
        return new UploadView(view.uploadId(), view.owner(), view.type(), view.format(), view.fileName(),
                view.sizeBytes(), view.status(), view.totalRows(), view.rowsProcessed(), view.rowsCreated(),
                view.rowsFailed(), view.errors().subList(0, Math.min(errorsLimit, view.errors().size())),
                view.attempts(), view.failureReason(), view.createdAt(), view.updatedAt(), view.finishedAt(),
                view.version());
    }

    private UploadView next() {
        if (!states.isEmpty()) {
            last = states.poll();
        }
        return last;
    }
}

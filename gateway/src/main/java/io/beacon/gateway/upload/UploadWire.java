package io.beacon.gateway.upload;

import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.RowError;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An upload as REST and the actions answer it. */
final class UploadWire {

    private UploadWire() {
    }

    /**
     * {@code {upload_id, type, format, file_name, size_bytes, status, progress, rows_processed, total_rows,
     * rows_created, rows_failed, owner_uuid, attempts, failure_reason, created_at, updated_at, finished_at}},
     * and {@code errors: [{row, message}]} when {@code withErrors}.
     */
    static Map<String, Object> of(UploadView view, boolean withErrors) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("upload_id", view.uploadId().value());
        wire.put("type", view.type().wire());
        wire.put("format", view.format().wire());
        wire.put("file_name", view.fileName());
        wire.put("size_bytes", view.sizeBytes());
        wire.put("status", view.status().wire());
        wire.put("progress", view.progress());
        wire.put("rows_processed", view.rowsProcessed());
        wire.put("total_rows", view.totalRows());
        wire.put("rows_created", view.rowsCreated());
        wire.put("rows_failed", view.rowsFailed());
        if (withErrors) {
            wire.put("errors", view.errors().stream().map(UploadWire::error).toList());
        }
        wire.put("owner_uuid", view.owner().value());
        wire.put("attempts", view.attempts());
        wire.put("failure_reason", view.failureReason());
        wire.put("created_at", text(view.createdAt()));
        wire.put("updated_at", text(view.updatedAt()));
        wire.put("finished_at", text(view.finishedAt()));
        return wire;
    }

    private static Map<String, Object> error(RowError error) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("row", error.row());
        wire.put("message", error.message());
        return wire;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

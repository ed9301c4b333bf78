package io.beacon.upload;

import io.beacon.notification.value.UserId;
import io.beacon.readmodel.VersionedDocuments;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The layout of the uploads read model, read by unique keys only (the embedded store uses no other index):
 * <ul>
 *   <li>{@value #UPLOADS}: one document per upload, {@code _id} its uuid, with its counts and status, and
 *       {@code error_chunks}: per progress record that had errors, {@code [from_row, count]}, in row order;</li>
 *   <li>{@value #ERRORS}: the errors of one progress record, {@code _id} {@code "<upload>#<from_row>"},
 *       {@code errors: [{row, message}]}.</li>
 * </ul>
 */
final class UploadDocuments {

    static final String UPLOADS = "uploads";
    static final String ERRORS = "upload_errors";

    static final String ID = VersionedDocuments.ID;
    static final String VERSION = VersionedDocuments.VERSION;
    static final String UPDATED_AT = VersionedDocuments.UPDATED_AT;
    static final String OWNER = "owner";
    static final String TYPE = "type";
    static final String FORMAT = "format";
    static final String FILE_NAME = "file_name";
    static final String SIZE_BYTES = "size_bytes";
    static final String STATUS = "status";
    static final String TOTAL_ROWS = "total_rows";
    static final String ROWS_PROCESSED = "rows_processed";
    static final String ROWS_CREATED = "rows_created";
    static final String ROWS_FAILED = "rows_failed";
    static final String ERROR_CHUNKS = "error_chunks";
    static final String ATTEMPTS = "attempts";
    static final String NODE = "node";
    static final String FAILURE_REASON = "failure_reason";
    static final String CREATED_AT = "created_at";
    static final String FINISHED_AT = "finished_at";
    static final String ERRORS_FIELD = "errors";
    static final String ROW = "row";
    static final String MESSAGE = "message";

    private UploadDocuments() {
    }

    static String errorsId(UploadId upload, long fromRow) {
        return upload.value() + "#" + fromRow;
    }

    static Document errorDocument(RowError error) {
        return new Document(ROW, error.row()).append(MESSAGE, error.message());
    }

    static RowError rowError(Document error) {
        return new RowError(((Number) error.get(ROW)).longValue(), error.getString(MESSAGE));
    }

    /** The view of a stored upload with the given page of its errors. */
    static UploadView toView(Document upload, List<RowError> errors) {
        return new UploadView(UploadId.of(upload.getString(ID)), UserId.of(upload.getString(OWNER)),
                UploadType.of(upload.getString(TYPE)), UploadFormat.of(upload.getString(FORMAT)),
                upload.getString(FILE_NAME), number(upload, SIZE_BYTES), UploadStatus.of(upload.getString(STATUS)),
                number(upload, TOTAL_ROWS), number(upload, ROWS_PROCESSED), number(upload, ROWS_CREATED),
                number(upload, ROWS_FAILED), errors, (int) number(upload, ATTEMPTS),
                upload.getString(FAILURE_REASON), instant(upload, CREATED_AT), instant(upload, UPDATED_AT),
                instant(upload, FINISHED_AT), number(upload, VERSION));
    }

    static long number(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Document document, String field) {
        Date date = document.get(field, Date.class);
        return date == null ? null : date.toInstant();
    }
}

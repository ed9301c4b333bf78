package io.beacon.upload;

import io.beacon.common.Durability;
import io.beacon.readmodel.VersionedDocuments;
import io.beacon.upload.event.UploadCompleted;
import io.beacon.upload.event.UploadFailed;
import io.beacon.upload.event.UploadProcessingStarted;
import io.beacon.upload.event.UploadProgressed;
import io.beacon.upload.event.UploadRecordsCreated;
import io.beacon.upload.event.UploadStarted;
import io.beacon.upload.query.FindUpload;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.beacon.upload.UploadDocuments.*;

/**
 * Projects upload events into {@link UploadDocuments}, in its own {@value #PROCESSING_GROUP} processing
 * group. Writes happen only past the stored version ({@link VersionedDocuments}), and a progress record's
 * errors are written under an id of their range before the count that points at them, so a redelivered
 * event changes nothing and a crash in between leaves nothing half shown. A change is made durable
 * ({@link Durability}) before it is emitted or the next event handled, so what subscribers are shown never goes
 * back after a crash (a read racing the write by a few milliseconds may still see it first). Each change is emitted to
 * {@link FindUpload} subscribers (with the first page of errors).
 */
@Component
@ProcessingGroup(UploadProjection.PROCESSING_GROUP)
public class UploadProjection {

    public static final String PROCESSING_GROUP = "uploads";

    private final MongoOperations mongo;
    private final VersionedDocuments uploads;
    private final QueryUpdateEmitter emitter;
    private final Durability durability;

    public UploadProjection(MongoOperations mongo, QueryUpdateEmitter emitter, Durability durability) {
        this.mongo = mongo;
        this.uploads = new VersionedDocuments(mongo, UPLOADS);
        this.emitter = emitter;
        this.durability = durability;
    }

    @EventHandler
    public void on(UploadStarted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Document upload = new Document(ID, event.uploadId().value())
                .append(OWNER, event.owner().value())
                .append(TYPE, event.type().wire())
                .append(FORMAT, event.format().wire())
                .append(FILE_NAME, event.fileName())
                .append(SIZE_BYTES, event.sizeBytes())
                .append(STATUS, UploadStatus.QUEUED.wire())
                .append(TOTAL_ROWS, event.totalRows())
                .append(ROWS_PROCESSED, 0L)
                .append(ROWS_CREATED, 0L)
                .append(ROWS_FAILED, 0L)
                .append(ERROR_CHUNKS, List.of())
                .append(ATTEMPTS, 0)
                .append(CREATED_AT, VersionedDocuments.toDate(timestamp))
                .append(UPDATED_AT, VersionedDocuments.toDate(timestamp))
                .append(VERSION, sequence + 1);
        if (uploads.insert(event.uploadId().value(), sequence, upload)) {
            emit(event.uploadId(), upload);
        }
    }

    @EventHandler
    public void on(UploadProcessingStarted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        apply(event.uploadId(), sequence, VersionedDocuments.versioned(sequence, timestamp)
                .set(STATUS, UploadStatus.PROCESSING.wire())
                .set(ATTEMPTS, event.attempt())
                .set(NODE, event.node()));
    }

    @EventHandler
    public void on(UploadProgressed event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Update update = VersionedDocuments.versioned(sequence, timestamp)
                .set(ROWS_PROCESSED, event.rowsProcessed())
                .inc(ROWS_CREATED, event.created())
                .inc(ROWS_FAILED, (long) event.errors().size());
        if (!event.errors().isEmpty()) {
            if (uploads.storedVersion(event.uploadId().value()) >= sequence + 1) {
                return;
            }
            Document errors = new Document(ID, errorsId(event.uploadId(), event.fromRow()))
                    .append(ERRORS_FIELD, event.errors().stream().map(UploadDocuments::errorDocument).toList());
            try {
                mongo.insert(errors, ERRORS);
            } catch (DuplicateKeyException e) {
                // Written by an earlier delivery that stopped before the count below.
            }
            update.push(ERROR_CHUNKS, List.of(event.fromRow(), (long) event.errors().size()));
        }
        apply(event.uploadId(), sequence, update);
    }

    /** Changes nothing shown but the version: the view follows every event of the upload. */
    @EventHandler
    public void on(UploadRecordsCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        apply(event.uploadId(), sequence, VersionedDocuments.versioned(sequence, timestamp));
    }

    @EventHandler
    public void on(UploadCompleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        apply(event.uploadId(), sequence, VersionedDocuments.versioned(sequence, timestamp)
                .set(STATUS, UploadStatus.COMPLETED.wire())
                .set(FINISHED_AT, VersionedDocuments.toDate(timestamp)));
    }

    @EventHandler
    public void on(UploadFailed event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        apply(event.uploadId(), sequence, VersionedDocuments.versioned(sequence, timestamp)
                .set(STATUS, UploadStatus.FAILED.wire())
                .set(FAILURE_REASON, event.reason())
                .set(FINISHED_AT, VersionedDocuments.toDate(timestamp)));
    }

    @ResetHandler
    public void reset() {
        mongo.remove(new Query(), UPLOADS);
        mongo.remove(new Query(), ERRORS);
    }

    private void apply(UploadId id, long sequence, Update update) {
        Document upload = uploads.apply(id.value(), sequence, update);
        if (upload != null) {
            emit(id, upload);
        }
    }

    /** Shows the change to subscribers once it (and so the event it applies) survives a crash. */
    private void emit(UploadId id, Document upload) {
        durability.awaitDurable();
        emitter.emit(FindUpload.class, query -> query.uploadId().equals(id),
                UploadDocuments.toView(upload, UploadQueryHandler.errors(mongo, upload, 0, FindUpload.DEFAULT_ERRORS_LIMIT)));
    }
}

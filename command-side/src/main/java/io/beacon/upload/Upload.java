package io.beacon.upload;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.notification.value.UserId;
import io.beacon.upload.command.BeginUploadProcessing;
import io.beacon.upload.command.CompleteUpload;
import io.beacon.upload.command.FailUpload;
import io.beacon.upload.command.RecordUploadProgress;
import io.beacon.upload.command.StartUpload;
import io.beacon.upload.event.UploadCompleted;
import io.beacon.upload.event.UploadFailed;
import io.beacon.upload.event.UploadProcessingStarted;
import io.beacon.upload.event.UploadProgressed;
import io.beacon.upload.event.UploadRecordsCreated;
import io.beacon.upload.event.UploadStarted;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The write model of one upload: how far its rows are processed and whether it is finished. Progress
 * only runs forward and each range of rows is recorded once: a record must start where the upload
 * stands, so a node that lost its claim (and whose view is stale) is refused, not counted twice.
 */
@Aggregate
class Upload {

    @AggregateIdentifier
    private UploadId uploadId;
    private UserId owner;
    private UploadType type;
    private UploadStatus status;
    private long totalRows;
    private long rowsProcessed;
    private long rowsCreated;
    private long rowsFailed;
    private int attempts;

    Upload() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Upload(StartUpload command) {
        apply(new UploadStarted(command.uploadId(), command.owner(), command.type(), command.format(),
                command.fileName(), command.totalRows(), command.sizeBytes()));
    }

    /** Answers the rows already processed: the taker goes on after them. */
    @CommandHandler
    long handle(BeginUploadProcessing command) {
        requireUnfinished();
        apply(new UploadProcessingStarted(uploadId, owner, type, command.node(), rowsProcessed, totalRows, attempts + 1));
        return rowsProcessed;
    }

    /** Answers the rows processed once recorded. */
    @CommandHandler
    long handle(RecordUploadProgress command) {
        requireUnfinished();
        if (status != UploadStatus.PROCESSING) {
            throw new BeaconException(ErrorCode.CONFLICT, "upload " + uploadId + " is not being processed");
        }
        if (command.fromRow() != rowsProcessed) {
            throw new BeaconException(ErrorCode.CONFLICT, "upload " + uploadId + " stands at row " + rowsProcessed
                    + ", not " + command.fromRow());
        }
        if (command.toRow() > totalRows) {
            throw BeaconException.validation("upload " + uploadId + " has " + totalRows + " rows, not " + command.toRow());
        }
        if (command.toRow() > command.fromRow()) {
            apply(new UploadProgressed(uploadId, owner, type, command.fromRow(), command.toRow(), totalRows,
                    command.created(), command.errors()));
            if (command.created() > 0) {
                apply(new UploadRecordsCreated(uploadId, owner, type, command.created()));
            }
        }
        return rowsProcessed;
    }

    @CommandHandler
    void handle(CompleteUpload command) {
        requireUnfinished();
        if (status != UploadStatus.PROCESSING || command.rowsProcessed() != rowsProcessed) {
            throw new BeaconException(ErrorCode.CONFLICT, "upload " + uploadId + " stands at row " + rowsProcessed
                    + " (" + status.wire() + "), not finished at " + command.rowsProcessed());
        }
        apply(new UploadCompleted(uploadId, owner, type, rowsProcessed, totalRows, rowsCreated, rowsFailed));
    }

    @CommandHandler
    void handle(FailUpload command) {
        requireUnfinished();
        apply(new UploadFailed(uploadId, owner, type, command.reason(), rowsProcessed, totalRows));
    }

    private void requireUnfinished() {
        if (status.finished()) {
            throw new BeaconException(ErrorCode.CONFLICT, "upload " + uploadId + " is " + status.wire() + " already");
        }
    }

    @EventSourcingHandler
    void on(UploadStarted event) {
        uploadId = event.uploadId();
        owner = event.owner();
        type = event.type();
        totalRows = event.totalRows();
        status = UploadStatus.QUEUED;
    }

    @EventSourcingHandler
    void on(UploadProcessingStarted event) {
        status = UploadStatus.PROCESSING;
        attempts = event.attempt();
    }

    @EventSourcingHandler
    void on(UploadProgressed event) {
        rowsProcessed = event.rowsProcessed();
        rowsCreated += event.created();
        rowsFailed += event.errors().size();
    }

    @EventSourcingHandler
    void on(UploadCompleted event) {
        status = UploadStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(UploadFailed event) {
        status = UploadStatus.FAILED;
    }
}

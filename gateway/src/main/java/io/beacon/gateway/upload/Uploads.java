package io.beacon.gateway.upload;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.auth.AuthenticatedUser;
import io.beacon.gateway.auth.WriteKeys;
import io.beacon.gateway.write.ReadYourWrites;
import io.beacon.notification.value.UserId;
import io.beacon.upload.command.StartUpload;
import io.beacon.upload.query.FindUpload;
import io.beacon.upload.query.ListUploads;
import io.beacon.upload.query.UploadPage;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What the upload endpoints and actions do, whoever calls: accept a file (admin and write key; stored,
 * checked and counted before the upload starts, so a refused file leaves nothing behind), and show
 * uploads to their owner and to admins.
 */
@Component
public class Uploads {

    private final UploadFiles files;
    private final UploadWork work;
    private final UploadWorker worker;
    private final UploadProperties properties;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final WriteKeys writeKeys;

    Uploads(UploadFiles files, UploadWork work, UploadWorker worker, UploadProperties properties,
            CommandGateway commands, QueryGateway queries, ReadYourWrites readYourWrites, WriteKeys writeKeys) {
        this.files = files;
        this.work = work;
        this.worker = worker;
        this.properties = properties;
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.writeKeys = writeKeys;
    }

    long maxBytes() {
        return properties.maxBytes().toBytes();
    }

    /** Admin and the write key, or {@code forbidden}. */
    void requireWriter(AuthenticatedUser user, String writeKey) {
        if (!user.isAdmin()) {
            throw new BeaconException(ErrorCode.FORBIDDEN, "uploads are for admins only");
        }
        if (writeKey == null || !writeKeys.matches(writeKey)) {
            throw new BeaconException(ErrorCode.FORBIDDEN, "uploads require a valid write key (X-Companies-Write-Key)");
        }
    }

    /**
     * Stores {@code body}, checks and counts its rows, starts the upload and answers it once the read model
     * shows it (queued). Refused files ({@code payload_too_large}, {@code validation_error}) are removed.
     */
    UploadView accept(AuthenticatedUser user, UploadType type, UploadFormat format, String fileName, InputStream body,
                      String requestId) throws IOException {
        UploadId id = UploadId.random();
        work.receiving(id, user.uuid(), user.email(), type, format);
        long size;
        long rows;
        try {
            size = files.store(id, fileName, body, properties.maxBytes().toBytes());
            rows = count(id, type, format);
        } catch (IOException | RuntimeException e) {
            files.delete(id);
            work.done(id);
            throw e;
        }
        StartUpload start = new StartUpload(id, UserId.of(user.uuid()), type, format, fileName, rows, size);
        Map<String, Object> meta = new HashMap<>();
        meta.put("actor_uuid", user.uuid());
        meta.put("actor_email", user.email());
        if (requestId != null) {
            meta.put("request_id", requestId);
        }
        CompletableFuture<UploadView> started = readYourWrites.send(FindUpload.of(id), UploadView.class, false,
                        () -> commands.<Object>send(GenericCommandMessage.asCommandMessage(start).andMetaData(MetaData.from(meta)))
                                .thenApply(ignored -> {
                                    // Marked before the answer's flush, so a 202 never leaves it unmarked.
                                    work.accepted(id);
                                    return 1L;
                                }))
                .thenApply(view -> view.orElseThrow(() -> new BeaconException(ErrorCode.INTERNAL_ERROR,
                        "upload " + id + " not shown")));
        UploadView view = join(started);
        worker.wake();
        return view;
    }

    private long count(UploadId id, UploadType type, UploadFormat format) throws IOException {
        long rows = 0;
        try (InputStream file = files.open(id); UploadRows.Reader reader = UploadRows.open(format, type, file)) {
            while (reader.next() != null) {
                if (++rows > properties.maxRows()) {
                    throw new BeaconException(ErrorCode.PAYLOAD_TOO_LARGE,
                            "the file has more than the limit of " + properties.maxRows() + " rows");
                }
            }
        } catch (UploadFileException e) {
            throw BeaconException.validation(e.getMessage());
        }
        return rows;
    }

    /** The upload with a page of its errors, if {@code user} may see it (its owner or an admin); else not found. */
    UploadView find(AuthenticatedUser user, FindUpload query) {
        return join(findAsync(user, query));
    }

    /** {@code user}'s uploads, or everyone's for an admin. */
    UploadPage list(AuthenticatedUser user, ListUploads query) {
        return join(listAsync(user, query));
    }

    CompletableFuture<UploadView> findAsync(AuthenticatedUser user, FindUpload query) {
        return queries.query(query, UploadView.class).thenApply(view -> {
            if (view == null || !user.isAdmin() && !view.owner().value().equals(user.uuid())) {
                throw BeaconException.notFound("upload " + query.uploadId() + " not found");
            }
            return view;
        });
    }

    CompletableFuture<UploadPage> listAsync(AuthenticatedUser user, ListUploads query) {
        ListUploads scoped = user.isAdmin() ? query
                : new ListUploads(UserId.of(user.uuid()), query.status(), query.offset(), query.limit());
        return queries.query(scoped, UploadPage.class);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BeaconException(ErrorCode.INTERNAL_ERROR, "interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}

package io.beacon.gateway.upload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.common.VersionedView;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.FindCompany;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.value.ContactId;
import io.beacon.gateway.company.CompanyWriteValues;
import io.beacon.gateway.contact.ContactWriteValues;
import io.beacon.gateway.store.MongoStore;
import io.beacon.upload.command.BeginUploadProcessing;
import io.beacon.upload.command.CompleteUpload;
import io.beacon.upload.command.FailUpload;
import io.beacon.upload.command.RecordUploadProgress;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Works through accepted uploads, on whichever node holds an upload's lease ({@link UploadWork}). For an
 * upload it takes up, it asks the upload where it stands ({@code BeginUploadProcessing}), reads the file from
 * the store past the rows already processed, and turns each row into a create command whose identity is the
 * row's own ({@link UploadId#rowEntityId}, or the row's {@code uuid}), so a row handled again after a crash
 * creates nothing twice: a create that finds its record made by this very row (by the upload and row in its
 * first event's metadata) counts as created. Rows are handled {@code rowThreads} at a time, in batches; the
 * rows done are recorded as progress at a bounded rate, only ever from where the upload stands. A bad row is
 * an error of that row; the rest go on. The rows run at most {@code readModelLag} ahead of what the read model
 * shows; when the read model shows every record and the last row is recorded, the upload completes and its file
 * is removed.
 */
@Component
class UploadWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UploadWorker.class);
    private static final Duration READ_MODEL_POLL = Duration.ofMillis(20);
    /** Longest row error kept: a reason, not a copy of the row. */
    private static final int MAX_ERROR_MESSAGE = 500;
    /** About the most characters of row errors one progress record carries (an event, and a document, each). */
    private static final long MAX_ERROR_CHARS = 1 << 20;
    private static final Duration READ_MODEL_POLL_LIMIT = Duration.ofMinutes(1);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EventStore events;
    private final UploadFiles files;
    private final UploadWork work;
    private final MongoStore store;
    private final UploadProperties properties;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Set<UploadId> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private ScheduledExecutorService scheduler;
    private ExecutorService uploads;
    private ExecutorService rows;

    UploadWorker(CommandGateway commands, QueryGateway queries, EventStore events, UploadFiles files, UploadWork work, MongoStore store,
                 UploadProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.events = events;
        this.files = files;
        this.work = work;
        this.store = store;
        this.properties = properties;
    }

    /** Looks for work now (a new upload was accepted). */
    void wake() {
        ScheduledExecutorService current = scheduler;
        if (current != null && !stopping) {
            current.execute(this::scan);
        }
    }

    String node() {
        return node;
    }

    private void scan() {
        if (stopping) {
            return;
        }
        try {
            for (UploadWork.Item item : work.all()) {
                if (running.contains(item.uploadId())) {
                    continue;
                }
                if (UploadWork.RECEIVING.equals(item.state())) {
                    if (item.since().isBefore(Instant.now().minus(properties.receivingTimeout()))) {
                        abandoned(item);
                    }
                    continue;
                }
                if (running.size() >= properties.workers()) {
                    return;
                }
                if (work.lease(item.uploadId(), node, properties.lease())) {
                    running.add(item.uploadId());
                    uploads.execute(() -> process(item));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Looking for uploads to process failed: {}", e.toString());
        }
    }

    /** A receipt whose node died: the upload goes on if it was started, else its file goes. */
    private void abandoned(UploadWork.Item item) {
        if (events.readEvents(item.uploadId().value(), 0).hasNext()) {
            work.accepted(item.uploadId());
        } else {
            log.info("Removing upload {}: its file was never fully received", item.uploadId());
            files.delete(item.uploadId());
            work.done(item.uploadId());
        }
    }

    private void process(UploadWork.Item item) {
        UploadId id = item.uploadId();
        try {
            new Run(item).run();
        } catch (Stopped e) {
            log.info("Upload {} paused: {}", id, e.getMessage());
        } catch (UploadFileException e) {
            fail(item, e.getMessage());
        } catch (RuntimeException e) {
            int failures = work.failed(id);
            log.warn("Upload {} attempt failed ({} of {}): {}", id, failures, properties.maxFailures(), e.toString());
            if (failures >= properties.maxFailures()) {
                fail(item, "processing failed " + failures + " times, last: " + e.getClass().getSimpleName());
            }
        } finally {
            try {
                work.release(id, node);
            } catch (RuntimeException e) {
                log.warn("Releasing upload {} failed: {}", id, e.toString());
            }
            running.remove(id);
        }
    }

    private void fail(UploadWork.Item item, String reason) {
        try {
            send(item, new FailUpload(item.uploadId(), reason), null);
            finish(item.uploadId());
        } catch (RuntimeException e) {
            log.warn("Failing upload {} failed: {}", item.uploadId(), e.toString());
        }
    }

    private void finish(UploadId id) {
        files.delete(id);
        work.done(id);
    }

    /** One attempt at an upload, from where it stands to its end (or until the node stops or loses it). */
    private final class Run {

        private final UploadWork.Item item;
        private final UploadId id;
        private long recorded;
        private long handled;
        private long created;
        private final List<RowError> errors = new ArrayList<>();
        /** About the characters {@link #errors} take in an event: a record is made before they pass a bound. */
        private long errorChars;
        /** Whether earlier attempts failed: the count is reset once this one records progress. */
        private boolean failuresSeen;
        private long lastRecord = System.nanoTime();
        private long lastLease = System.nanoTime();
        /** Per batch that created something: its newest record, and the rows handled once it was done. */
        private final Deque<Witness> witnesses = new ArrayDeque<>();
        /** The records the last batch created. */
        private final List<String> lastBatchCreated = new ArrayList<>();
        /** Counts rows' commands as they finish, across the run's batches. */
        private final AtomicLong completions = new AtomicLong();

        Run(UploadWork.Item item) {
            this.item = item;
            this.id = item.uploadId();
            this.failuresSeen = item.failures() > 0;
        }

        void run() {
            try {
                recorded = send(item, new BeginUploadProcessing(id, node), null);
            } catch (BeaconException e) {
                if (e.code() == ErrorCode.CONFLICT) {
                    // Finished already: only the clean-up was left when a node stopped.
                    finish(id);
                    return;
                }
                throw e;
            } catch (ConcurrencyException e) {
                throw new Stopped("another node took upload " + id + " up at the same moment");
            }
            handled = recorded;
            try (InputStream file = files.open(id);
                 UploadRows.Reader reader = UploadRows.open(item.format(), item.type(), file)) {
                for (long skipped = 0; skipped < recorded; skipped++) {
                    if (reader.next() == null) {
                        throw new UploadFileException("the file has fewer rows than the " + recorded + " processed");
                    }
                }
                List<UploadRow> batch = new ArrayList<>(properties.batchRows());
                Set<String> batchIds = new HashSet<>();
                UploadRow carried = null;
                while (true) {
                    batch.clear();
                    batchIds.clear();
                    UploadRow row;
                    while (batch.size() < properties.batchRows()
                            && (row = carried != null ? carried : reader.next()) != null) {
                        carried = null;
                        String entityId = entityId(row);
                        if (entityId != null && !batchIds.add(entityId)) {
                            // A second row for one record waits for the next batch: the first row creates it.
                            carried = row;
                            break;
                        }
                        batch.add(row);
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    awaitReadModel(properties.readModelLag());
                    handle(batch);
                    if (stopping) {
                        record();
                        throw new Stopped("the node is stopping at row " + handled);
                    }
                    if (handled - recorded >= properties.progressMaxRows() || errorChars >= MAX_ERROR_CHARS
                            || System.nanoTime() - lastRecord >= properties.progressInterval().toNanos()) {
                        record();
                    }
                    renewLease();
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("reading the file of upload " + id + " failed: " + e.getMessage(), e);
            }
            awaitReadModel(0);
            if (stopping) {
                record();
                throw new Stopped("the node is stopping before the read model showed the last rows");
            }
            record();
            send(item, new CompleteUpload(id, handled), null);
            finish(id);
        }

        private void handle(List<UploadRow> batch) {
            List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(batch.size());
            List<String> entityIds = new ArrayList<>(batch.size());
            for (UploadRow row : batch) {
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    RowError error = row(row);
                    return new Outcome(error, completions.incrementAndGet());
                }, rows));
                entityIds.add(entityId(row));
            }
            String newest = null;
            long newestCompletion = -1;
            lastBatchCreated.clear();
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = outcomes.get(i).join();
                handled++;
                if (outcome.error() == null) {
                    created++;
                    lastBatchCreated.add(entityIds.get(i));
                    if (outcome.completion() > newestCompletion) {
                        newest = entityIds.get(i);
                        newestCompletion = outcome.completion();
                    }
                } else {
                    errors.add(outcome.error());
                    errorChars += outcome.error().message().length() + 32;
                }
            }
            if (newest != null) {
                witnesses.addLast(new Witness(newest, handled));
            }
        }

        /**
         * Waits until the read model shows the records created by all but the last {@code lag} rows handled,
         * renewing the lease meanwhile: the record whose command finished last in each batch witnesses the
         * batch (the projection follows the store's order, so roughly all of it). With {@code lag} 0, before the
         * upload completes, every record of the last batch is waited for too, so {@code completed} means every
         * record can be read. A record not shown within {@link #READ_MODEL_POLL_LIMIT} (deleted meanwhile, or
         * the read model stalled) is not waited for.
         */
        private void awaitReadModel(int lag) {
            while (!witnesses.isEmpty() && handled - witnesses.peekFirst().handledAt() >= lag) {
                if (!awaitShown(witnesses.peekFirst().entityId())) {
                    return;
                }
                witnesses.pollFirst();
            }
            if (lag == 0) {
                for (String entityId : lastBatchCreated) {
                    if (!awaitShown(entityId)) {
                        return;
                    }
                }
            }
        }

        /** Waits until the read model shows the record, or gives up on it; false when the node is stopping. */
        private boolean awaitShown(String entityId) {
            long deadline = System.nanoTime() + READ_MODEL_POLL_LIMIT.toNanos();
            while (!shown(entityId)) {
                if (stopping) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    // Deleted meanwhile, or the read model stalled: the upload does not wait for ever.
                    log.warn("Upload {}: the read model has not shown {} within {}; going on", id, entityId,
                            READ_MODEL_POLL_LIMIT);
                    return true;
                }
                renewLease();
                pause();
            }
            return true;
        }

        private boolean shown(String entityId) {
            Object query = item.type() == UploadType.COMPANIES ? new FindCompany(CompanyId.of(entityId))
                    : new FindContact(ContactId.of(entityId));
            Class<? extends VersionedView> view = item.type() == UploadType.COMPANIES ? CompanyView.class : ContactView.class;
            return queries.query(query, ResponseTypes.optionalInstanceOf(view)).join().isPresent();
        }

        /** The identity of the record the row creates (its {@code uuid}, else the row's own); null if it has none. */
        private String entityId(UploadRow row) {
            ObjectNode data = row.data();
            if (data == null) {
                return null;
            }
            try {
                return data.hasNonNull("uuid") ? (item.type() == UploadType.COMPANIES
                        ? CompanyId.of(data.get("uuid").asText()).value() : ContactId.of(data.get("uuid").asText()).value())
                        : id.rowEntityId(row.number());
            } catch (BeaconException e) {
                return null;
            }
        }

        /** Handles one row: null once its record exists, else the row's error. */
        private RowError row(UploadRow row) {
            if (row.data() == null) {
                return error(row.number(), row.error());
            }
            Object command;
            String entityId;
            ObjectNode data = row.data();
            try {
                if (item.type() == UploadType.COMPANIES) {
                    CompanyId company = data.hasNonNull("uuid") ? CompanyId.of(data.get("uuid").asText())
                            : CompanyId.of(id.rowEntityId(row.number()));
                    entityId = company.value();
                    command = CompanyWriteValues.createCommand(company, data);
                } else {
                    ContactId contact = data.hasNonNull("uuid") ? ContactId.of(data.get("uuid").asText())
                            : ContactId.of(id.rowEntityId(row.number()));
                    entityId = contact.value();
                    command = ContactWriteValues.createCommand(contact, data);
                }
            } catch (BeaconException e) {
                return error(row.number(), e.getMessage());
            }
            try {
                send(item, command, row.number());
                return null;
            } catch (BeaconException e) {
                return error(row.number(), e.getMessage());
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (createdByThisRow(entityId, row.number())) {
                    return null;
                }
                String what = item.type() == UploadType.COMPANIES ? "company " : "contact ";
                return error(row.number(), what + entityId + " already exists");
            } catch (AggregateNotFoundException e) {
                return error(row.number(), "not found: " + e.getMessage());
            }
        }

        private boolean createdByThisRow(String entityId, long row) {
            DomainEventStream stream = events.readEvents(entityId, 0);
            if (!stream.hasNext()) {
                return false;
            }
            DomainEventMessage<?> first = stream.next();
            return id.value().equals(String.valueOf(first.getMetaData().get("upload_id")))
                    && String.valueOf(row).equals(String.valueOf(first.getMetaData().get("upload_row")));
        }

        private void record() {
            if (handled == recorded) {
                return;
            }
            long now;
            try {
                now = send(item, new RecordUploadProgress(id, recorded, handled, created, errors), null);
            } catch (BeaconException | ConcurrencyException e) {
                if (e instanceof ConcurrencyException || ((BeaconException) e).code() == ErrorCode.CONFLICT) {
                    // Another node recorded these rows (it took the upload over): not this node's to go on with.
                    throw new Stopped("upload " + id + " moved on without this node: " + e.getMessage());
                }
                throw e;
            }
            if (failuresSeen) {
                work.progressed(id);
                failuresSeen = false;
            }
            recorded = now;
            created = 0;
            errors.clear();
            errorChars = 0;
            lastRecord = System.nanoTime();
        }

        private void renewLease() {
            if (System.nanoTime() - lastLease < properties.lease().toNanos() / 3) {
                return;
            }
            if (!work.lease(id, node, properties.lease())) {
                throw new Stopped("another node took upload " + id + " over");
            }
            lastLease = System.nanoTime();
        }
    }

    /**
     * Sends a command on behalf of the upload's owner; the row's events carry the upload and row. Throws
     * what the handler threw (unwrapped).
     */
    private <R> R send(UploadWork.Item item, Object command, Long row) {
        Map<String, Object> meta = new HashMap<>();
        meta.put("actor_uuid", item.owner());
        if (item.ownerEmail() != null) {
            meta.put("actor_email", item.ownerEmail());
        }
        meta.put("request_id", item.uploadId().value());
        meta.put("upload_id", item.uploadId().value());
        if (row != null) {
            meta.put("upload_row", row);
        }
        try {
            return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(meta)));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BeaconException || t instanceof ConcurrencyException
                        || t instanceof AggregateStreamCreationException || t instanceof AggregateNotFoundException) {
                    throw (RuntimeException) t;
                }
            }
            throw e;
        }
    }

    private record Witness(String entityId, long handledAt) {
    }

    /** The row's error, its message cut to {@value #MAX_ERROR_MESSAGE} characters. */
    static RowError error(long row, String message) {
        String text = message == null ? "failed" : message;
        return new RowError(row, text.length() <= MAX_ERROR_MESSAGE ? text
                : text.substring(0, MAX_ERROR_MESSAGE - 3) + "...");
    }

    /** A row's error (null: created), and its place in the order the rows' commands finished. */
    private record Outcome(RowError error, long completion) {
    }

    private static void pause() {
        try {
            Thread.sleep(READ_MODEL_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped("interrupted");
        }
    }

    /** The attempt stops without failing: the node is stopping, or another node holds the upload now. */
    private static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void start() {
        stopping = false;
        scheduler = Executors.newSingleThreadScheduledExecutor(threads("upload-scan"));
        uploads = Executors.newFixedThreadPool(Math.max(1, properties.workers()), threads("upload"));
        rows = Executors.newFixedThreadPool(Math.max(1, properties.rowThreads()), threads("upload-row"));
        scheduler.scheduleWithFixedDelay(this::scan, properties.poll().toMillis(), properties.poll().toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.execute(this::scan);
    }

    @Override
    public void stop() {
        stopping = true;
        scheduler.shutdownNow();
        uploads.shutdown();
        try {
            if (!uploads.awaitTermination(20, TimeUnit.SECONDS)) {
                log.warn("Uploads still processing at shutdown: {}", running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rows.shutdownNow();
        store.flush();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    /** Stops before the command bus and the store it needs (a higher phase stops earlier). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1_000;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}

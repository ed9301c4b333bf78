package io.beacon.gateway.store.events;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * Beacon's event store on MongoDB: every event has a global position, taken at append; a unit of
 * work's events are one document, so they are stored all or none; an aggregate's sequence numbers
 * are unique; tracking streams deliver every position exactly once, in order, and pass over a
 * position whose append never completed after a bounded wait.
 *
 * <p>Tokens are {@link GlobalSequenceTrackingToken}s: a single number, whatever the rate.
 * Lookups go through unique indexes with equality or {@code $in}, the only ones the embedded store
 * uses; on MongoDB the same indexes serve them. See {@link CommitDocuments} for the layout.
 */
public final class BeaconEventStorageEngine extends AbstractEventStorageEngine {

    /** Called after positions are taken and before their commit is written; tests use it to delay a writer. */
    @FunctionalInterface
    public interface ReservationListener {
        ReservationListener NONE = (first, last) -> { };

        void reserved(long first, long last) throws InterruptedException;
    }

    /** How tracking streams read: see {@link TrackedReader}. */
    record ReadSettings(Duration gapTimeout, int window, int scanChunk) {
    }

    private static final String SNAPSHOT_SEQUENCE = "seq";
    private static final String SNAPSHOT_EVENT = "ev";

    private static final ExecutorService PREFETCH = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "beacon-event-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final Positions positions;
    private final GroupCommitter committer;
    private final ReadSettings readSettings;
    private final int readAhead;
    /**
     * False while the snapshot collection was empty at start and this engine has stored none: then an
     * aggregate is loaded from its events alone, without first asking the store for a snapshot (one
     * request fewer per command). Only companies take snapshots (every 100 events), and a snapshot is only
     * a shortcut (events are never removed), so one another node stored meanwhile is merely not used until
     * this node stores one or restarts.
     */
    private volatile boolean snapshotsStored;

    private BeaconEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.eventsCollection);
        this.snapshots = builder.database.getCollection(builder.snapshotsCollection);
        this.positions = new Positions(builder.database, builder.countersCollection, events,
                builder.eventsCollection);
        this.committer = new GroupCommitter(events, positions, builder.reservationListener);
        this.readAhead = builder.readAhead;
        this.readSettings = new ReadSettings(builder.gapTimeout, builder.lookupWindow, builder.scanChunk);
        this.snapshotsStored = snapshots.find().limit(1).first() != null;
    }

    MongoCollection<Document> events() {
        return events;
    }

    Positions positions() {
        return positions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the unique indexes appends and reads depend on; safe to call on every start. */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending(CommitDocuments.POSITIONS),
                new IndexOptions().unique(true).name(CommitDocuments.POSITIONS_INDEX));
        events.createIndex(Indexes.ascending(CommitDocuments.KEYS),
                new IndexOptions().unique(true).sparse(true).name(CommitDocuments.KEYS_INDEX));
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        List<Document> encoded = new ArrayList<>(eventMessages.size());
        List<String> keys = new ArrayList<>();
        for (EventMessage<?> event : eventMessages) {
            Document document = StoredEvents.encode(event, serializer);
            encoded.add(document);
            if (StoredEvents.isDomainEvent(document)) {
                DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
                keys.add(StoredEvents.key(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber()));
            }
        }
        GroupCommitter.Commit commit = new GroupCommitter.Commit(encoded, keys);
        committer.write(commit);
        if (commit.conflict != null) {
            handlePersistenceException(new DuplicateSequenceException(commit.conflict),
                    conflictingEvent(eventMessages, keys, commit.conflict));
        }
        if (commit.failure != null) {
            throw commit.failure;
        }
    }

    /** The event whose aggregate key the store named as taken; the first domain event if it named none. */
    private static EventMessage<?> conflictingEvent(List<? extends EventMessage<?>> eventMessages, List<String> keys,
                                                    String message) {
        int domainIndex = 0;
        EventMessage<?> first = null;
        for (EventMessage<?> event : eventMessages) {
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
                first = first == null ? event : first;
                if (message.contains('"' + keys.get(domainIndex) + '"')) {
                    return event;
                }
                domainIndex++;
            }
        }
        return first != null ? first : eventMessages.get(0);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = new Document("_id", snapshot.getAggregateIdentifier())
                .append(SNAPSHOT_SEQUENCE, snapshot.getSequenceNumber())
                .append(SNAPSHOT_EVENT, StoredEvents.encode(snapshot, serializer));
        snapshotsStored = true;
        try {
            // Replaces an older snapshot only; a newer one already stored wins the race.
            snapshots.replaceOne(and(eq("_id", snapshot.getAggregateIdentifier()),
                            lt(SNAPSHOT_SEQUENCE, snapshot.getSequenceNumber())),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        if (!snapshotsStored) {
            return Stream.empty();
        }
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty()
                : Stream.of(StoredEvents.domain(snapshot.get(SNAPSHOT_EVENT, Document.class)));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        return StreamSupport.stream(new AggregateReader(events, identifier, firstSequenceNumber), false);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(trackedReader(trackingToken), false);
    }

    private TrackedReader trackedReader(TrackingToken trackingToken) {
        return new TrackedReader(events, positions, readSettings, PREFETCH, position(trackingToken));
    }

    /** As Axon reads, upcasts and deserializes tracked events, but ahead of the processor while it catches up. */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        TrackedReader reader = trackedReader(trackingToken);
        Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                StreamSupport.stream(reader, false), getEventSerializer(), upcasterChain);
        if (readAhead == 0) {
            return messages;
        }
        return StreamSupport.stream(new ReadAhead(messages.spliterator(), reader::scanning, PREFETCH, readAhead), false);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        AggregateReader reader = new AggregateReader(events, aggregateIdentifier, 0);
        while (!reader.ended()) {
            reader.fetchWindow();
        }
        return reader.next() == 0 ? Optional.empty() : Optional.of(reader.next() - 1);
    }

    @Override
    public TrackingToken createTailToken() {
        return new GlobalSequenceTrackingToken(0);
    }

    @Override
    public TrackingToken createHeadToken() {
        return new GlobalSequenceTrackingToken(positions.lastTaken());
    }

    /**
     * The token after which the first event at or after {@code dateTime} comes. Found by binary search
     * over positions, so it assumes timestamps grow with positions, which holds up to the clock skew
     * between writers.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long wanted = StoredEvents.epochNanos(dateTime);
        long low = 1;
        long high = positions.lastTaken() + 1;
        while (low < high) {
            long middle = low + (high - low) / 2;
            CommitDocuments.Stored commit = firstCommitFrom(middle, high);
            if (commit == null || commit.timestamp() >= wanted) {
                high = middle;
            } else {
                low = commit.last() + 1;
            }
        }
        CommitDocuments.Stored found = firstCommitFrom(low, positions.lastTaken() + 1);
        return new GlobalSequenceTrackingToken((found == null ? positions.lastTaken() + 1 : found.first()) - 1);
    }

    /** The first commit holding events at or after {@code from} and before {@code end}, or null. */
    private CommitDocuments.Stored firstCommitFrom(long from, long end) {
        for (long start = from; start < end; start += readSettings.window()) {
            long last = Math.min(end - 1, start + readSettings.window() - 1);
            CommitDocuments.Stored first = null;
            for (Document document : events.find(in(CommitDocuments.POSITIONS, CommitDocuments.range(start, last)))) {
                CommitDocuments.Stored commit = CommitDocuments.Stored.of(document);
                if (!commit.isTombstone() && (first == null || commit.first() < first.first())) {
                    first = commit;
                }
            }
            if (first != null) {
                return first;
            }
        }
        return null;
    }

    private static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalArgumentException("Beacon's event store tracks with GlobalSequenceTrackingToken, not "
                + token.getClass().getName());
    }

    /** The store refused a commit because one of its aggregate sequence numbers is taken. */
    static final class DuplicateSequenceException extends RuntimeException {
        DuplicateSequenceException(String message) {
            super(message);
        }
    }

    public static final class Builder extends AbstractEventStorageEngine.Builder {
        private MongoDatabase database;
        private String eventsCollection;
        private String snapshotsCollection;
        private String countersCollection;
        private Duration gapTimeout = Duration.ofSeconds(2);
        private int lookupWindow = 64;
        private int scanChunk = 2048;
        private int readAhead = 256;
        private ReservationListener reservationListener = ReservationListener.NONE;

        private Builder() {
            persistenceExceptionResolver(e -> e instanceof DuplicateSequenceException);
            collection("events");
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(org.axonframework.eventsourcing.snapshotting.SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** Names the events collection; snapshots and the position counter get names derived from it. */
        public Builder collection(String name) {
            this.eventsCollection = name;
            this.snapshotsCollection = name + "_snapshots";
            this.countersCollection = name + "_positions";
            return this;
        }

        /** How long a tracking stream waits for a taken position's commit before passing over it. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** Positions looked up at once near the head. */
        public Builder lookupWindow(int lookupWindow) {
            this.lookupWindow = lookupWindow;
            return this;
        }

        /** Commits read per query when a stream is far behind. */
        /**
         * Events a tracking stream reads and deserializes ahead, on another thread, while it scans far
         * behind the head (see {@link ReadAhead}); 0 reads in the processor's thread only. Default 256.
         */
        public Builder readAhead(int readAhead) {
            this.readAhead = readAhead;
            return this;
        }

        /**
         * Positions a tracking stream reads per query while it is far behind the head (see
         * {@link TrackedReader}): a window's reply holds at most that many events. Default 2048.
         */
        public Builder scanChunk(int scanChunk) {
            this.scanChunk = scanChunk;
            return this;
        }

        public Builder reservationListener(ReservationListener reservationListener) {
            this.reservationListener = reservationListener;
            return this;
        }

        public BeaconEventStorageEngine build() {
            return new BeaconEventStorageEngine(this);
        }

        @Override
        protected void validate() {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is required");
            }
            if (gapTimeout == null || gapTimeout.isNegative() || gapTimeout.isZero()) {
                throw new AxonConfigurationException("The gap timeout must be positive");
            }
            if (lookupWindow < 1 || scanChunk < 1 || readAhead < 0) {
                throw new AxonConfigurationException("The lookup window and scan chunk must be positive");
            }
        }
    }
}

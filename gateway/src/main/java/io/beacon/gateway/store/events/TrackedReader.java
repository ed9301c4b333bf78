package io.beacon.gateway.store.events;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

/**
 * One tracking stream: every event after a position, each exactly once, in position order.
 *
 * <p>Far behind the head it scans with one cursor ({@code _id > position}; in insertion order on the
 * embedded store, which is position order up to concurrent writers, by index on MongoDB), taking it
 * in chunks and fetching the next chunk while the caller handles the current one. One cursor, not a
 * query per chunk: the embedded store cannot range over an index, so each such query would scan the
 * collection from its start again. Near the head, and whenever the next
 * position is missing from what it read, it looks positions up directly through the unique
 * {@code pos} index. A position that is taken but has no document is a gap: the reader waits for
 * it, and after the gap timeout closes it (see {@link Positions}).
 */
final class TrackedReader extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

    private final MongoCollection<Document> events;
    private final Positions positions;
    private final BeaconEventStorageEngine.ReadSettings settings;
    private final Executor prefetcher;
    private final ArrayDeque<TrackedEventData<?>> ready = new ArrayDeque<>();
    private final TreeMap<Long, CommitDocuments.Stored> held = new TreeMap<>();
    private long next;
    private boolean scanning;
    private CompletableFuture<List<Document>> nextChunk;
    /** The open scan; used by one thread at a time (the caller, or the prefetch the caller waits for). */
    private MongoCursor<Document> scan;
    private long gapSince = -1;
    private long gapAt = -1;

    TrackedReader(MongoCollection<Document> events, Positions positions, BeaconEventStorageEngine.ReadSettings settings,
                  Executor prefetcher, long after) {
        super(Long.MAX_VALUE, ORDERED | NONNULL);
        this.events = events;
        this.positions = positions;
        this.settings = settings;
        this.prefetcher = prefetcher;
        this.next = after + 1;
        this.scanning = positions.lastTaken() - after > settings.window();
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
        while (ready.isEmpty()) {
            if (!advance()) {
                return false;
            }
        }
        action.accept(ready.poll());
        return true;
    }

    /** Moves {@link #next} forward or fills {@link #ready}; false when nothing more is there yet. */
    private boolean advance() {
        if (deliverHeld()) {
            return true;
        }
        if (scanning) {
            hold(takeChunk());
            if (deliverHeld()) {
                return true;
            }
        }
        int found = hold(lookUp(next));
        if (deliverHeld()) {
            if (!scanning && found == settings.window() && positions.lastTaken() - next > settings.scanChunk() / 2) {
                scanning = true;
            }
            return true;
        }
        return awaitGap();
    }

    private boolean deliverHeld() {
        boolean moved = false;
        while (true) {
            Map.Entry<Long, CommitDocuments.Stored> entry = held.floorEntry(next);
            if (entry == null) {
                break;
            }
            CommitDocuments.Stored commit = held.remove(entry.getKey());
            if (commit.last() < next) {
                continue;
            }
            List<Document> commitEvents = commit.events();
            for (int i = (int) (next - commit.first()); i < commitEvents.size(); i++) {
                ready.add((TrackedEventData<?>) StoredEvents.tracked(commitEvents.get(i), commit.first() + i));
            }
            next = commit.last() + 1;
            moved = true;
        }
        if (moved) {
            gapAt = -1;
        }
        return moved;
    }

    /** Holds the commits not yet delivered; returns how many positions they cover. */
    private int hold(List<Document> documents) {
        int covered = 0;
        for (Document document : documents) {
            CommitDocuments.Stored commit = CommitDocuments.Stored.of(document);
            if (commit.last() >= next) {
                held.putIfAbsent(commit.first(), commit);
                covered += (int) (commit.last() - Math.max(commit.first(), next) + 1);
            }
        }
        return covered;
    }

    private List<Document> takeChunk() {
        List<Document> chunk = nextChunk != null ? nextChunk.join() : readChunk();
        nextChunk = null;
        if (chunk.size() < settings.scanChunk()) {
            scanning = false;
            closeScan();
        } else {
            nextChunk = CompletableFuture.supplyAsync(this::readChunk, prefetcher);
        }
        return chunk;
    }

    /**
     * The next chunk of the scan, opening it after the position not yet delivered. Fewer documents
     * than a chunk means the scan reached the end; documents written after it opened are found by
     * lookups (and a later scan).
     */
    private List<Document> readChunk() {
        List<Document> chunk = new ArrayList<>(settings.scanChunk());
        try {
            if (scan == null) {
                FindIterable<Document> query = events.find(gt(CommitDocuments.ID, next - 1))
                        .batchSize(Math.min(settings.scanChunk(), 4096));
                if (!settings.insertionOrder()) {
                    query.sort(Sorts.ascending(CommitDocuments.ID));
                }
                scan = query.iterator();
            }
            while (chunk.size() < settings.scanChunk() && scan.hasNext()) {
                chunk.add(scan.next());
            }
        } catch (MongoException e) {
            // A cursor the server dropped (idle too long, a failover): end this scan with what it read.
            // Lookups go on from the next position, and a new scan opens once they find full windows.
            // (A store that is down fails the lookups too, and the processor retries.)
            closeScan();
        }
        return chunk;
    }

    private void closeScan() {
        if (scan != null) {
            try {
                scan.close();
            } catch (RuntimeException ignored) {
                // the cursor is gone either way
            }
            scan = null;
        }
    }

    private List<Document> lookUp(long from) {
        return events.find(in(CommitDocuments.POSITIONS, CommitDocuments.range(from, from + settings.window() - 1)))
                .into(new ArrayList<>());
    }

    /**
     * The next position is missing. If no writer took it, the stream is at its end for now.
     * Otherwise wait for its commit, and close the gap once it has been open for the gap timeout.
     */
    private boolean awaitGap() {
        long lastTaken = positions.lastTaken();
        if (lastTaken < next) {
            return false;
        }
        long now = System.nanoTime();
        if (gapAt != next) {
            gapAt = next;
            gapSince = now;
        }
        long pause = 1;
        while (true) {
            if (System.nanoTime() - gapSince >= settings.gapTimeout().toNanos()) {
                // Closes no further than the lookup window: if a commit landed in the run meanwhile, the close
                // fails and the lookup below must find that commit, or the next attempt would fail the same way.
                long runEnd = held.isEmpty() ? lastTaken : held.firstKey() - 1;
                long end = Math.min(runEnd, next + settings.window() - 1);
                boolean windowEnds = end < runEnd;
                boolean closed = positions.close(next, end, "no commit arrived within " + settings.gapTimeout());
                hold(lookUp(next));
                if (!deliverHeld()) {
                    continue;
                }
                if (closed && windowEnds) {
                    // The run closed was cut at the lookup window, not at a commit: what follows has waited as long.
                    gapAt = end + 1;
                }
                return true;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, 50);
            hold(lookUp(next));
            if (deliverHeld()) {
                return true;
            }
        }
    }

    /** True while the reader scans far behind the head, rather than looking positions up near it. */
    boolean scanning() {
        return scanning;
    }

    void close() {
        if (nextChunk != null) {
            // The prefetch may be reading from the cursor: close it once that read is over.
            nextChunk.whenComplete((chunk, failure) -> closeScan());
            nextChunk = null;
        } else {
            closeScan();
        }
    }
}

package io.beacon.gateway.store.events;

import com.mongodb.client.MongoCollection;
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
import java.util.function.Supplier;

import static com.mongodb.client.model.Filters.in;

/**
 * One tracking stream: every event after a position, each exactly once, in position order.
 *
 * <p>Far behind the head it reads in windows of {@code scanChunk} positions: each window one query for
 * the commits that start in it ({@code _id $in} the window's positions; a commit's {@code _id} is its
 * first position, so every commit is read once, and it is a lookup on the unique {@code _id} index on
 * MongoDB and on the embedded store alike), the next window fetched while the caller handles the
 * current one. Not one cursor over {@code _id > position}: the embedded store keeps a cursor's whole
 * remaining result on the heap (a reader at the start of a long history held GBs), and it cannot range
 * over an index, so a range query per window would scan the collection from its start again. Not the
 * {@code pos} index either: the embedded store answers a commit once per position matched, which for
 * commits of many events is a reply of hundreds of MB. Near the head, whenever the next position is
 * missing from what it read (the first window when it starts inside a commit, a commit that landed late),
 * it looks positions up in the {@code pos} index, a lookup window at a time. A
 * position that is taken but has no document is a gap: the reader waits for it, and after the gap
 * timeout closes it (see {@link Positions}).
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
    /** The first position the next window of the scan reads; only the caller's thread moves it. */
    private long frontier;
    private CompletableFuture<List<Document>> nextChunk;
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
        this.frontier = next;
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
        List<Document> chunk = nextChunk != null ? nextChunk.join() : readWindow();
        nextChunk = null;
        if (frontier > positions.lastTaken()) {
            // The scan reached the head as it was: what follows is looked up (and may start another scan).
            scanning = false;
        } else {
            nextChunk = CompletableFuture.supplyAsync(windowRead(), prefetcher);
        }
        return chunk;
    }

    private List<Document> readWindow() {
        return windowRead().get();
    }

    /** The read of the scan's next window, moving the frontier past it. */
    private Supplier<List<Document>> windowRead() {
        long from = Math.max(frontier, next);
        frontier = from + settings.scanChunk();
        List<Long> starts = CommitDocuments.range(from, from + settings.scanChunk() - 1);
        return () -> events.find(in(CommitDocuments.ID, starts)).into(new ArrayList<>());
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
}

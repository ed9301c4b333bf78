package io.beacon.gateway.store.events;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static com.mongodb.client.model.Filters.in;

/**
 * Writes commits in groups: whichever appending thread gets the lock takes every commit waiting at
 * that moment and their positions with one counter update, then releases the lock and inserts the
 * group with one unordered insert. So groups overlap: the next group takes its positions while the
 * previous one is still being written. Each commit is still its own document, so each stands or
 * fails alone.
 */
final class GroupCommitter {

    /** Gives up on a commit whose positions readers closed this many times in a row. */
    private static final int MAX_ATTEMPTS = 16;
    /** The longest a thread waits for a wake-up before it looks at the lock again (a safety net). */
    private static final long PARK_NANOS = 1_000_000;

    private final MongoCollection<Document> events;
    private final Positions positions;
    private final BeaconEventStorageEngine.ReservationListener listener;
    private final ReentrantLock leader = new ReentrantLock();
    private final ConcurrentLinkedQueue<Commit> waiting = new ConcurrentLinkedQueue<>();

    GroupCommitter(MongoCollection<Document> events, Positions positions, BeaconEventStorageEngine.ReservationListener listener) {
        this.events = events;
        this.positions = positions;
        this.listener = listener;
    }

    /**
     * Writes the commit, alone or with others; returns once its outcome is known.
     *
     * <p>A thread whose commit another leader took into its group does not go through the lock
     * after it: with every waiting thread taking the lock in turn, only to find its commit gone,
     * the lock handoffs serialized the appends and groups stayed at 1.4 commits (2.9 without).
     */
    void write(Commit commit) {
        commit.thread = Thread.currentThread();
        waiting.add(commit);
        while (!commit.assigned && !commit.isDone()) {
            if (!leader.tryLock()) {
                // Woken when a leader takes this commit, or when the lock is free and it is first in line.
                LockSupport.parkNanos(this, PARK_NANOS);
                continue;
            }
            List<Commit> group = new ArrayList<>();
            try {
                for (Commit next = waiting.poll(); next != null; next = waiting.poll()) {
                    group.add(next);
                }
                if (!group.isEmpty()) {
                    assignPositions(group);
                }
            } catch (RuntimeException e) {
                group.forEach(c -> c.fail(e));
            } finally {
                leader.unlock();
            }
            for (Commit member : group) {
                member.assigned = true;
                if (member != commit) {
                    LockSupport.unpark(member.thread);
                }
            }
            Commit first = waiting.peek();
            if (first != null) {
                LockSupport.unpark(first.thread);
            }
            if (!group.isEmpty()) {
                try {
                    writeGroup(group);
                } finally {
                    for (Commit unfinished : group) {
                        if (!unfinished.isDone()) {
                            unfinished.fail(new EventStoreException("The commit was not written"));
                        }
                    }
                }
            }
        }
        commit.await();
    }

    private void writeGroup(List<Commit> group) {
        List<Commit> toWrite = group.stream().filter(c -> !c.isDone()).toList();
        for (int attempt = 1; !toWrite.isEmpty(); attempt++) {
            if (attempt > 1) {
                if (attempt > MAX_ATTEMPTS) {
                    toWrite.forEach(c -> c.fail(new EventStoreException(
                            "Readers closed this commit's positions " + MAX_ATTEMPTS + " times; the store is too slow")));
                    return;
                }
                assignPositions(toWrite);
            }
            toWrite = insert(toWrite);
        }
    }

    private void assignPositions(List<Commit> commits) {
        long count = commits.stream().mapToLong(c -> c.events.size()).sum();
        long last = positions.take(count);
        long next = last - count + 1;
        for (Commit commit : commits) {
            commit.first = next;
            commit.last = next + commit.events.size() - 1;
            next = commit.last + 1;
        }
        try {
            listener.reserved(last - count + 1, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while appending", e);
        }
    }

    /** Inserts the commits and returns those whose positions were closed by a reader meanwhile. */
    private List<Commit> insert(List<Commit> commits) {
        List<Document> documents = new ArrayList<>(commits.size());
        for (Commit commit : commits) {
            documents.add(CommitDocuments.commit(commit.first, commit.events, commit.keys));
        }
        List<Commit> retry = new ArrayList<>();
        try {
            events.insertMany(documents, new InsertManyOptions().ordered(false));
            commits.forEach(Commit::succeed);
        } catch (MongoBulkWriteException e) {
            Set<Integer> failed = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                Commit commit = commits.get(error.getIndex());
                failed.add(error.getIndex());
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    positions.close(commit.first, commit.last, "its commit failed");
                    commit.fail(new EventStoreException("The commit was not written: " + error.getMessage()));
                } else if (error.getMessage().contains(CommitDocuments.KEYS_INDEX)) {
                    positions.close(commit.first, commit.last, "its commit conflicted with another append to the aggregate");
                    commit.conflict(error.getMessage());
                } else {
                    retry.add(commit);
                }
            }
            for (int i = 0; i < commits.size(); i++) {
                if (!failed.contains(i)) {
                    commits.get(i).succeed();
                }
            }
        } catch (MongoException e) {
            settleUnknownOutcome(commits, e);
        }
        return retry;
    }

    /** The insert failed without saying which documents landed: look, then close what did not. */
    private void settleUnknownOutcome(List<Commit> commits, MongoException cause) {
        List<Long> firsts = commits.stream().map(c -> c.first).toList();
        Set<Long> landed = new HashSet<>();
        try {
            for (Document stored : events.find(in(CommitDocuments.ID, firsts))
                    .projection(Projections.include(CommitDocuments.ID, CommitDocuments.TOMBSTONE))) {
                if (!stored.getBoolean(CommitDocuments.TOMBSTONE, false)) {
                    landed.add(((Number) stored.get(CommitDocuments.ID)).longValue());
                }
            }
        } catch (MongoException unreachable) {
            commits.forEach(c -> c.fail(new EventStoreException("Unknown whether the commit was written", cause)));
            return;
        }
        for (Commit commit : commits) {
            if (landed.contains(commit.first)) {
                commit.succeed();
            } else {
                positions.close(commit.first, commit.last, "its commit failed");
                commit.fail(new EventStoreException("The commit was not written", cause));
            }
        }
    }

    /** One unit of work's events, encoded, with the aggregate keys they claim. */
    static final class Commit {
        final List<Document> events;
        final List<String> keys;
        private final CountDownLatch done = new CountDownLatch(1);
        long first;
        long last;
        /** Set once {@link #first} and {@link #last} are, by the leader that took the commit. */
        volatile boolean assigned;
        Thread thread;
        volatile String conflict;
        volatile RuntimeException failure;

        Commit(List<Document> events, List<String> keys) {
            this.events = events;
            this.keys = keys;
        }

        boolean isDone() {
            return done.getCount() == 0;
        }

        void succeed() {
            done.countDown();
        }

        void conflict(String message) {
            conflict = message;
            done.countDown();
        }

        void fail(RuntimeException cause) {
            if (!isDone()) {
                failure = cause;
            }
            done.countDown();
        }

        /** Waits for the outcome; the appending thread is inside a unit of work that must not end before it. */
        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.beacon.gateway.store.events;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.mongodb.client.model.Filters.eq;

/**
 * The global positions: a counter every writer takes positions from, and tombstones that close
 * positions a reader gave up waiting for.
 *
 * <p>A position is taken before its commit is written, so for a moment (or, if the writer dies,
 * forever) a taken position has no document. Readers deliver strictly in position order and wait
 * for such a gap; after the gap timeout they insert a tombstone over it. The tombstone claims the
 * positions in the same unique index the commit would need, so a writer that was merely slow finds
 * its positions taken, takes new ones and writes again: the late commit is delivered at its new
 * position, never skipped and never delivered twice.
 */
final class Positions {

    private static final Logger log = LoggerFactory.getLogger(Positions.class);
    private static final String LAST = "last";

    private final MongoDatabase database;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> events;
    private final String counterId;

    Positions(MongoDatabase database, String countersCollection, MongoCollection<Document> events, String counterId) {
        this.database = database;
        this.counters = database.getCollection(countersCollection);
        this.events = events;
        this.counterId = counterId;
    }

    /** Takes {@code count} consecutive positions and returns the last of them. */
    long take(long count) {
        // Reads the counter as it was before the increment, not after: the embedded store answers with the
        // updated document itself, still shared with its storage, and sends it only after releasing its
        // lock, so a concurrent increment can show through and two writers be told the same positions. The
        // document before is a copy taken under the lock. (No document before: the counter was created now.)
        // Sent as a plain findAndModify command: the driver's findOneAndUpdate builds a codec registry for
        // every call, which made taking positions cost more client CPU than writing the commit. Not retried
        // on a network error: positions taken by a lost answer are a gap readers close after the timeout.
        Document command = new Document("findAndModify", counters.getNamespace().getCollectionName())
                .append("query", new Document("_id", counterId))
                .append("update", new Document("$inc", new Document(LAST, count)))
                .append("upsert", true)
                .append("new", false);
        if (!counters.getWriteConcern().isServerDefault()) {
            command.append("writeConcern", counters.getWriteConcern().asDocument());
        }
        Object before = database.runCommand(command).get("value");
        Object last = before instanceof Document document ? document.get(LAST) : null;
        return (last == null ? 0 : ((Number) last).longValue()) + count;
    }

    /** The highest position any writer has taken so far; 0 before the first append. */
    long lastTaken() {
        Document counter = counters.find(eq("_id", counterId)).first();
        return counter == null ? 0 : ((Number) counter.get(LAST)).longValue();
    }

    /**
     * Closes positions {@code first..last}. Returns false if one of them holds a document already
     * (a commit landed meanwhile), in which case nothing was closed.
     */
    boolean close(long first, long last, String why) {
        try {
            events.insertOne(CommitDocuments.tombstone(first, last));
            log.info("Positions {}..{} passed over: {}", first, last, why);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}

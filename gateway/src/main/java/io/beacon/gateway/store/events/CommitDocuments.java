package io.beacon.gateway.store.events;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of the events collection. One document holds one commit: the events a unit of work
 * appended, written by a single insert, so a commit is stored entirely or not at all.
 *
 * <pre>
 * { _id: first position, pos: [every position], keys: ["aggregate:seq", ...], ts: first event's epoch nanos,
 *   ev: [events] }
 * { _id: first position, pos: [...], tomb: true }   a run of positions passed over (see {@link Tombstones})
 * </pre>
 * {@code pos} and {@code keys} carry unique multikey indexes: no position is used twice, and no
 * aggregate sequence number either. Both are also the indexes lookups go through, because the
 * embedded store serves equality and {@code $in} from unique indexes only.
 */
final class CommitDocuments {

    static final String ID = "_id";
    static final String POSITIONS = "pos";
    static final String KEYS = "keys";
    static final String TIMESTAMP = "ts";
    static final String EVENTS = "ev";
    static final String TOMBSTONE = "tomb";

    static final String POSITIONS_INDEX = "events_positions";
    static final String KEYS_INDEX = "events_aggregate_sequence";

    private CommitDocuments() {
    }

    static Document commit(long first, List<Document> events, List<String> keys) {
        Document document = new Document(ID, first).append(POSITIONS, range(first, first + events.size() - 1));
        if (!keys.isEmpty()) {
            document.append(KEYS, keys);
        }
        return document.append(TIMESTAMP, events.get(0).getLong(StoredEvents.TIMESTAMP)).append(EVENTS, events);
    }

    static Document tombstone(long first, long last) {
        return new Document(ID, first).append(POSITIONS, range(first, last)).append(TOMBSTONE, true);
    }

    static List<Long> range(long first, long last) {
        List<Long> positions = new ArrayList<>((int) (last - first + 1));
        for (long position = first; position <= last; position++) {
            positions.add(position);
        }
        return positions;
    }

    /** A commit or tombstone as read back: the positions it covers and its events in position order. */
    record Stored(long first, long last, List<Document> events) {

        static Stored of(Document document) {
            // Plain casts, not getList: that copies the list, for every commit a tracking stream reads.
            long first = ((Number) document.get(ID)).longValue();
            List<?> positions = (List<?>) document.get(POSITIONS);
            @SuppressWarnings("unchecked")
            List<Document> events = Boolean.TRUE.equals(document.get(TOMBSTONE)) ? List.of() : (List<Document>) document.get(EVENTS);
            return new Stored(first, first + positions.size() - 1, events);
        }

        boolean isTombstone() {
            return events.isEmpty();
        }

        long timestamp() {
            return events.get(0).getLong(StoredEvents.TIMESTAMP);
        }
    }
}

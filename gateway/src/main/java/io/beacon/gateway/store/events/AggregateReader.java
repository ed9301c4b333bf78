package io.beacon.gateway.store.events;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.in;

/**
 * One aggregate's events from a sequence number on, found through the unique {@code keys} index
 * in growing windows of sequence numbers. An aggregate's sequence numbers have no holes, so the
 * first missing one ends the stream.
 */
final class AggregateReader extends Spliterators.AbstractSpliterator<DomainEventData<?>> {

    private static final int FIRST_WINDOW = 16;
    private static final int LARGEST_WINDOW = 1024;

    private final MongoCollection<Document> events;
    private final String aggregateIdentifier;
    private final ArrayDeque<DomainEventData<?>> ready = new ArrayDeque<>();
    private long next;
    private int window = FIRST_WINDOW;
    private boolean ended;

    AggregateReader(MongoCollection<Document> events, String aggregateIdentifier, long firstSequenceNumber) {
        super(Long.MAX_VALUE, ORDERED | NONNULL);
        this.events = events;
        this.aggregateIdentifier = aggregateIdentifier;
        this.next = firstSequenceNumber;
    }

    @Override
    public boolean tryAdvance(Consumer<? super DomainEventData<?>> action) {
        if (ready.isEmpty() && !ended) {
            fetch();
        }
        DomainEventData<?> event = ready.poll();
        if (event == null) {
            return false;
        }
        action.accept(event);
        return true;
    }

    /** The next window of the aggregate's events, by sequence number, without reading their payloads. */
    List<Document> fetchWindow() {
        List<String> keys = new ArrayList<>(window);
        for (long sequence = next; sequence < next + window; sequence++) {
            keys.add(StoredEvents.key(aggregateIdentifier, sequence));
        }
        TreeMap<Long, Document> bySequence = new TreeMap<>();
        for (Document commit : events.find(in(CommitDocuments.KEYS, keys))) {
            for (Document event : commit.getList(CommitDocuments.EVENTS, Document.class)) {
                if (aggregateIdentifier.equals(event.getString(StoredEvents.AGGREGATE))) {
                    long sequence = ((Number) event.get(StoredEvents.SEQUENCE)).longValue();
                    if (sequence >= next) {
                        bySequence.putIfAbsent(sequence, event);
                    }
                }
            }
        }
        List<Document> contiguous = new ArrayList<>(bySequence.size());
        for (var entry : bySequence.entrySet()) {
            if (entry.getKey() != next + contiguous.size()) {
                break;
            }
            contiguous.add(entry.getValue());
        }
        // A full window means more may follow; anything short of it is the end of the stream.
        ended = contiguous.size() < window;
        next += contiguous.size();
        window = Math.min(window * 2, LARGEST_WINDOW);
        return contiguous;
    }

    boolean ended() {
        return ended;
    }

    long next() {
        return next;
    }

    private void fetch() {
        for (Document event : fetchWindow()) {
            ready.add(StoredEvents.domain(event));
        }
    }
}

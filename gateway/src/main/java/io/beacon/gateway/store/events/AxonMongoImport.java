package io.beacon.gateway.store.events;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Filters;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Converter;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brings the events Beacon 0.1 stored with axon-mongo's engine (collection {@code domainevents})
 * into Beacon's event store, once, in the order they were appended (by timestamp, then sequence
 * number). The old collection is then renamed {@code domainevents_imported}, and the old tracking
 * tokens, which count positions the new store does not have, are removed: processors start over,
 * and Beacon's projections skip what they already applied.
 *
 * <p>Safe to interrupt: a second run skips the events already imported (their aggregate keys are
 * taken), and the positions they would have used are passed over as gaps.
 */
public final class AxonMongoImport {

    private static final Logger log = LoggerFactory.getLogger(AxonMongoImport.class);
    static final String LEGACY = "domainevents";
    private static final int BATCH = 1000;

    private AxonMongoImport() {
    }

    /** Imports the legacy events if there are any; returns how many were imported. */
    public static long run(MongoDatabase database, BeaconEventStorageEngine engine, Converter converter,
                           String tokenCollection) {
        MongoCollection<Document> legacy = database.getCollection(LEGACY);
        if (legacy.find().first() == null) {
            return 0;
        }
        EventEntryConfiguration layout = EventEntryConfiguration.getDefault();
        List<EventEntry> entries = new ArrayList<>();
        for (Document document : legacy.find()) {
            entries.add(new EventEntry(document, layout));
        }
        entries.sort(Comparator.comparing(EventEntry::getTimestamp).thenComparing(EventEntry::getAggregateIdentifier)
                .thenComparingLong(EventEntry::getSequenceNumber));
        long last = engine.positions().take(entries.size());
        long position = last - entries.size() + 1;
        long imported = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        for (EventEntry entry : entries) {
            batch.add(CommitDocuments.commit(position++, List.of(encode(entry, converter)),
                    List.of(StoredEvents.key(entry.getAggregateIdentifier(), entry.getSequenceNumber()))));
            if (batch.size() == BATCH) {
                imported += insert(engine.events(), batch);
            }
        }
        imported += insert(engine.events(), batch);
        legacy.renameCollection(new com.mongodb.MongoNamespace(database.getName(), LEGACY + "_imported"));
        long tokens = database.getCollection(tokenCollection)
                .deleteMany(Filters.regex("tokenType", "MongoTrackingToken")).getDeletedCount();
        log.info("Imported {} of {} events from {} into the event store; removed {} old tracking tokens",
                imported, entries.size(), LEGACY, tokens);
        return imported;
    }

    private static Document encode(EventEntry entry, Converter converter) {
        Document event = new Document(StoredEvents.IDENTIFIER, entry.getEventIdentifier())
                .append(StoredEvents.AGGREGATE_TYPE, entry.getType())
                .append(StoredEvents.AGGREGATE, entry.getAggregateIdentifier())
                .append(StoredEvents.SEQUENCE, entry.getSequenceNumber())
                .append(StoredEvents.TIMESTAMP, StoredEvents.epochNanos(entry.getTimestamp()))
                .append(StoredEvents.PAYLOAD_TYPE, entry.getPayload().getType().getName());
        if (entry.getPayload().getType().getRevision() != null) {
            event.append(StoredEvents.PAYLOAD_REVISION, entry.getPayload().getType().getRevision());
        }
        return event.append(StoredEvents.PAYLOAD, text(entry.getPayload().getData(), converter))
                .append(StoredEvents.META_DATA, text(entry.getMetaData().getData(), converter));
    }

    private static String text(Object data, Converter converter) {
        if (data instanceof Document document) {
            return document.toJson();
        }
        return data instanceof String string ? string : converter.convert(data, String.class);
    }

    /** Inserts and clears the batch; documents already imported by an interrupted run are skipped. */
    private static long insert(MongoCollection<Document> events, List<Document> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        long inserted = batch.size();
        try {
            events.insertMany(batch, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            inserted = e.getWriteResult().getInsertedCount();
        }
        batch.clear();
        return inserted;
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Company events and snapshots as Beacon stored them before company events had a revision, written
 * straight into the store the way the engine writes them (see {@code StoredEvents}, {@code CommitDocuments}
 * and {@code Positions}): one commit document per event, at a position taken from the engine's counter,
 * with the aggregate key the unique index expects; payload and metadata as JSON text; no {@code pr}
 * (revision) field. Payloads are the shape the revision-null classes wrote: the id named {@code companyId}.
 */
final class OldCompanyEvents {

    static final String CREATED = "io.beacon.company.event.CompanyCreated";
    static final String UPDATED = "io.beacon.company.event.CompanyUpdated";
    static final String SNAPSHOT = "io.beacon.company.Company";

    private final MongoDatabase database;

    OldCompanyEvents(MongoClient storeClient) {
        this.database = storeClient.getDatabase("beacon");
    }

    /** The next company number, from the counter the command side numbers companies with. */
    long nextCompanyNumber() {
        Document before = database.getCollection("counters").findOneAndUpdate(Filters.eq("_id", "company"),
                new Document("$inc", new Document("seq", 1L)),
                new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true));
        return (before == null || before.get("seq") == null ? 0 : ((Number) before.get("seq")).longValue()) + 1;
    }

    /** Appends one event of {@code company} at {@code sequence}, in a commit of its own at the next position. */
    void append(String company, long sequence, String payloadType, Map<String, Object> payload) {
        long position = takePosition();
        long nanos = epochNanos(Instant.now());
        Document event = event(company, sequence, nanos, payloadType, payload);
        database.getCollection("events").insertOne(new Document("_id", position)
                .append("pos", List.of(position))
                .append("keys", List.of(company + ':' + sequence))
                .append("ts", nanos)
                .append("ev", List.of(event)));
    }

    /** Stores {@code state} as the company's snapshot at {@code sequence}, as the engine stores one. */
    void snapshot(String company, long sequence, Map<String, Object> state) {
        Document document = new Document("_id", company).append("seq", sequence)
                .append("ev", event(company, sequence, epochNanos(Instant.now()), SNAPSHOT, state));
        database.getCollection("events_snapshots").replaceOne(Filters.eq("_id", company), document,
                new ReplaceOptions().upsert(true));
    }

    /** The stored snapshot document of {@code company}, or null. */
    Document storedSnapshot(String company) {
        return database.getCollection("events_snapshots").find(Filters.eq("_id", company)).first();
    }

    private static Document event(String company, long sequence, long nanos, String payloadType, Map<String, Object> payload) {
        return new Document("i", UUID.randomUUID().toString())
                .append("t", "Company")
                .append("a", company)
                .append("s", sequence)
                .append("n", nanos)
                .append("pt", payloadType)
                .append("p", json(payload))
                .append("m", json(Map.of("actor_uuid", "6f1c2f0e-4a8b-4c1d-9e2f-3a4b5c6d7e8f",
                        "actor_email", "importer@scenarios.beacon.test", "request_id", UUID.randomUUID().toString())));
    }

    /** A position from the engine's counter, as an append takes it (the value before the increment, plus one). */
    private long takePosition() {
        Document command = new Document("findAndModify", "events_positions")
                .append("query", new Document("_id", "events"))
                .append("update", new Document("$inc", new Document("last", 1L)))
                .append("upsert", true)
                .append("new", false);
        Object before = database.runCommand(command).get("value");
        Object last = before instanceof Document document ? document.get("last") : null;
        return (last == null ? 0 : ((Number) last).longValue()) + 1;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String json(Map<String, Object> value) {
        try {
            return WsClient.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.beacon.bench.store;

import io.beacon.company.value.CompanyId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Documents for the raw insert baseline: shaped like the engine's commit document holding one event
 * ({@code _id}, {@code pos}, {@code keys}, {@code ts}, {@code ev: [{i, t, a, s, n, pt, pr, p, m}]}, see the
 * engine's {@code CommitDocuments} and {@code StoredEvents}), with payload and metadata text serialized
 * beforehand from the same real events by the same serializer. So the baseline is the store's own cost
 * of the same document, without what the engine adds: serialization, positions, grouping.
 */
final class RawDocuments {

    private static final int POOL = 512;

    private final String[] createdPayloads = new String[POOL];
    private final String[] updatedPayloads = new String[POOL];
    private final String[] metaData = new String[POOL];
    private final SerializedType createdType;
    private final SerializedType updatedType;
    private final double updateShare;

    RawDocuments(CompanyEvents companies, Serializer serializer, double updateShare) {
        this.updateShare = updateShare;
        SerializedType created = null;
        SerializedType updated = null;
        for (int i = 0; i < POOL; i++) {
            CompanyId id = CompanyEvents.newCompanyId();
            DomainEventMessage<?> c = companies.created(id, i);
            DomainEventMessage<?> u = companies.updated(id, i);
            createdPayloads[i] = c.serializePayload(serializer, String.class).getData();
            updatedPayloads[i] = u.serializePayload(serializer, String.class).getData();
            metaData[i] = c.serializeMetaData(serializer, String.class).getData();
            created = c.serializePayload(serializer, String.class).getType();
            updated = u.serializePayload(serializer, String.class).getType();
        }
        this.createdType = created;
        this.updatedType = updated;
    }

    /** A document with {@code _id} and position {@code id}, for a fresh aggregate; an update with share updateShare. */
    Document next(long id) {
        return document(id, ThreadLocalRandom.current().nextDouble() < updateShare);
    }

    int sampleSize(boolean update) {
        return new RawBsonDocument(document(1, update), new DocumentCodec()).getByteBuffer().remaining();
    }

    private Document document(long id, boolean update) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int pick = random.nextInt(POOL);
        String aggregate = CompanyEvents.randomUuid(random).toString();
        long sequence = update ? 1 : 0;
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Document event = new Document("i", CompanyEvents.randomUuid(random).toString())
                .append("t", CompanyEvents.AGGREGATE_TYPE)
                .append("a", aggregate)
                .append("s", sequence)
                .append("n", nanos);
        SerializedType type = update ? updatedType : createdType;
        event.append("pt", type.getName());
        if (type.getRevision() != null) {
            // As the engine writes it: the revision of the payload's class, when it has one (company events: "2").
            event.append("pr", type.getRevision());
        }
        event.append("p", update ? updatedPayloads[pick] : createdPayloads[pick])
                .append("m", metaData[pick]);
        return new Document("_id", id)
                .append("pos", List.of(id))
                .append("keys", List.of(aggregate + ':' + sequence))
                .append("ts", nanos)
                .append("ev", List.of(event));
    }
}

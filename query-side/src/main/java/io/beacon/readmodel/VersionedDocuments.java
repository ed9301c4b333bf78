package io.beacon.readmodel;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The documents of one read-model collection, each an aggregate's state keyed by {@code _id}, whose
 * {@code version} is the number of the aggregate's events applied to it. Writes happen only past the
 * stored version, so redelivery and replay over existing documents change nothing. An event's
 * {@code sequence} number counts from 0, so the document it leaves has version {@code sequence + 1}.
 *
 * <p>The version check reads by {@code _id} alone and compares in Java: a filter on {@code _id} plus
 * another field makes the embedded store scan the whole collection, while {@code _id} alone is an
 * index lookup. Reading first and then writing is safe because one processor thread owns an
 * aggregate's events at a time (a segment is claimed through the token store).
 */
public final class VersionedDocuments {

    public static final String ID = "_id";
    public static final String VERSION = "version";
    public static final String UPDATED_AT = "updated_at";

    private final MongoOperations mongo;
    private final String collection;

    public VersionedDocuments(MongoOperations mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /**
     * Inserts the document an aggregate's creation (event {@code sequence}) makes. False when it is
     * there already from an earlier delivery; a clash with another document (a unique index) is thrown.
     */
    public boolean insert(String id, long sequence, Document document) {
        try {
            mongo.insert(document, collection);
            return true;
        } catch (DuplicateKeyException e) {
            if (storedVersion(id) >= sequence + 1) {
                return false;
            }
            // Not our own earlier write: another document holds this number, which must not go unnoticed.
            throw e;
        }
    }

    /**
     * Applies event {@code sequence}'s update, and answers the document as updated; null when the
     * event is applied already or the document was never created here (nothing is written then).
     */
    public Document apply(String id, long sequence, Update update) {
        long stored = storedVersion(id);
        if (stored == 0 || stored >= sequence + 1) {
            return null;
        }
        return mongo.findAndModify(byId(id), update, FindAndModifyOptions.options().returnNew(true),
                Document.class, collection);
    }

    /** The version of the stored document, 0 when there is none (versions start at 1). */
    public long storedVersion(String id) {
        Query query = byId(id);
        query.fields().include(VERSION);
        Document stored = mongo.findOne(query, Document.class, collection);
        return stored == null ? 0 : ((Number) stored.get(VERSION)).longValue();
    }

    /** An update that records event {@code sequence} as applied at {@code timestamp}. */
    public static Update versioned(long sequence, Instant timestamp) {
        return new Update()
                .set(VERSION, sequence + 1)
                .set(UPDATED_AT, toDate(timestamp));
    }

    /**
     * BSON dates hold milliseconds; truncating before writing keeps the stored value, the emitted
     * view and later reads identical.
     */
    public static Date toDate(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where(ID).is(id));
    }
}

package io.beacon.store;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Numbers 1, 2, 3, … from an atomic counter document ({@code _id} the key, {@code seq} the last
 * number handed out) in the {@code counters} collection, shared by every node on the store.
 */
public final class MongoSequence {

    static final String COLLECTION = "counters";

    private final MongoOperations mongo;
    private final String key;

    public MongoSequence(MongoOperations mongo, String key) {
        this.mongo = mongo;
        this.key = key;
    }

    public long next() {
        // The value before the increment, plus one: the embedded store sends a "new" document after
        // releasing its lock, so a concurrent increment could show through and two creates get one number.
        Document before = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(key)),
                new Update().inc("seq", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(false),
                Document.class, COLLECTION);
        Object seq = before == null ? null : before.get("seq");
        return (seq == null ? 0 : ((Number) seq).longValue()) + 1;
    }
}

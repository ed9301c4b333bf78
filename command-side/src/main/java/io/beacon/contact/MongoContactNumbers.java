package io.beacon.contact;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Contact numbers from an atomic counter document (beside the companies' one), shared by every
 * node on the store.
 */
@Component
class MongoContactNumbers implements ContactNumbers {

    static final String COLLECTION = "counters";
    private static final String KEY = "contact";

    private final MongoOperations mongo;

    MongoContactNumbers(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public long next() {
        // The value before the increment, plus one: the embedded store may show a concurrent
        // increment through a "new" document (see MongoCompanyNumbers).
        Document before = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(KEY)),
                new Update().inc("seq", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(false),
                Document.class, COLLECTION);
        Object seq = before == null ? null : before.get("seq");
        return (seq == null ? 0 : ((Number) seq).longValue()) + 1;
    }
}

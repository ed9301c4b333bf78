package io.beacon.company;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Company numbers from an atomic counter document, shared by every node on the store.
 */
@Component
class MongoCompanyNumbers implements CompanyNumbers {

    static final String COLLECTION = "counters";
    private static final String KEY = "company";

    private final MongoOperations mongo;

    MongoCompanyNumbers(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public long next() {
        // The value before the increment, plus one: the embedded store sends a "new" document after
        // releasing its lock, so a concurrent increment could show through and two creates get one number.
        Document before = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(KEY)),
                new Update().inc("seq", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(false),
                Document.class, COLLECTION);
        Object seq = before == null ? null : before.get("seq");
        return (seq == null ? 0 : ((Number) seq).longValue()) + 1;
    }
}

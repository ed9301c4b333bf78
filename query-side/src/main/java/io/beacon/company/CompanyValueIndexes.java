package io.beacon.company;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes of the value → count collections at start-up, before event processors run: one
 * per ordering a lookup can ask for, each ending in the key so that every order is total.
 */
@Component
public class CompanyValueIndexes implements InitializingBean {

    private final MongoOperations mongo;

    public CompanyValueIndexes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        ensure();
    }

    public void ensure() {
        for (ValueTally tally : ValueTally.values()) {
            IndexOperations indexes = mongo.indexOps(tally.collection());
            // value and -value (read backwards)
            indexes.createIndex(new Index().on(ValueTally.SORT, Direction.ASC).on(ValueTally.KEY, Direction.ASC)
                    .named("by_value"));
            indexes.createIndex(new Index().on(ValueTally.COUNT, Direction.ASC).on(ValueTally.SORT, Direction.ASC)
                    .on(ValueTally.KEY, Direction.ASC).named("by_count"));
            indexes.createIndex(new Index().on(ValueTally.COUNT, Direction.DESC).on(ValueTally.SORT, Direction.ASC)
                    .on(ValueTally.KEY, Direction.ASC).named("by_count_descending"));
        }
    }
}

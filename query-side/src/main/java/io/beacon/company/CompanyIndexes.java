package io.beacon.company;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import java.util.List;

import static io.beacon.company.CompanyDocuments.COLLECTION;
import static io.beacon.company.CompanyDocuments.DELETED;
import static io.beacon.company.CompanyDocuments.NUMBER;

/**
 * Creates the indexes of the {@code companies} collection at start-up, before event processors run.
 * Creating an existing index is a no-op, so every node may do it.
 */
@Component
public class CompanyIndexes implements InitializingBean {

    /**
     * Sort fields get a compound index behind {@code deleted} (every query's equality) and before the
     * number tie-breaker, so a filtered, ordered page is read in index order on real MongoDB.
     */
    private static final List<String> SORTED = List.of("name", "employees_count", "annual_revenue", "total_funding",
            CompanyDocuments.CREATED_AT, CompanyDocuments.UPDATED_AT);
    private static final List<String> LISTS = List.of("industries_lc", "keywords_lc", "technologies_lc");

    private final MongoOperations mongo;

    public CompanyIndexes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        ensure();
    }

    public void ensure() {
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on(NUMBER, Direction.ASC).unique().named("number_unique"));
        indexes.createIndex(new Index().on(DELETED, Direction.ASC).on(NUMBER, Direction.ASC).named("deleted_number"));
        for (String field : SORTED) {
            indexes.createIndex(new Index().on(DELETED, Direction.ASC).on(field, Direction.ASC)
                    .on(NUMBER, Direction.ASC).named("deleted_" + field + "_number"));
        }
        for (String field : LISTS) {
            indexes.createIndex(new Index().on(field, Direction.ASC).named(field));
        }
    }
}

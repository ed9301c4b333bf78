package io.beacon.contact;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import java.util.List;

import static io.beacon.contact.ContactDocuments.COLLECTION;

/**
 * Creates the indexes of the {@code contacts} collection at start-up, before event processors run.
 * Creating an existing index is a no-op, so every node may do it.
 */
@Component
public class ContactIndexes implements InitializingBean {

    private static final List<String> SEARCHED = List.of(ContactDocuments.DEPARTMENTS_LC, ContactSearchCriteria.DOMAIN,
            ContactSearchCriteria.EMPLOYEES_COUNT, ContactSearchCriteria.ANNUAL_REVENUE,
            ContactSearchCriteria.INDUSTRIES_LC, ContactSearchCriteria.KEYWORDS_LC);

    private final MongoOperations mongo;

    public ContactIndexes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        ensure();
    }

    public void ensure() {
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on(ContactDocuments.NUMBER, Direction.ASC).unique().named("number_unique"));
        // A company's contacts by $in over its slot keys: a unique index, so the embedded store uses it too.
        indexes.createIndex(new Index().on(ContactDocuments.COMPANY_SLOT, Direction.ASC).unique()
                .named("company_slot_unique"));
        // For searches across companies on real MongoDB (the embedded store only uses unique indexes).
        indexes.createIndex(new Index().on(ContactDocuments.COMPANY + ".uuid", Direction.ASC)
                .on(ContactDocuments.NUMBER, Direction.ASC).named("company_uuid_number"));
        // The fields ContactSearchCriteria pushes down to the store.
        for (String field : SEARCHED) {
            indexes.createIndex(new Index().on(field, Direction.ASC).named(field.replace('.', '_')));
        }
    }
}

package io.beacon.contact;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexOperations;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ContactIndexesTest {

    @Test
    void requestsTheUniqueKeysAndAnIndexPerFieldASearchPushesDown() {
        IndexOperations indexOps = mock(IndexOperations.class);
        MongoOperations mongo = mock(MongoOperations.class);
        when(mongo.indexOps(ContactDocuments.COLLECTION)).thenReturn(indexOps);
        List<IndexDefinition> requested = new ArrayList<>();
        when(indexOps.createIndex(any())).thenAnswer(call -> {
            requested.add(call.getArgument(0));
            return "ok";
        });

        new ContactIndexes(mongo).ensure();

        assertThat(requested).extracting(IndexDefinition::getIndexKeys).contains(
                new Document("departments_lc", 1),
                new Document("company.domain", 1),
                new Document("company.employees_count", 1),
                new Document("company.annual_revenue", 1),
                new Document("company.industries_lc", 1),
                new Document("company.keywords_lc", 1));
        assertThat(requested).filteredOn(index -> index.getIndexOptions().getBoolean("unique", false))
                .extracting(IndexDefinition::getIndexKeys)
                .containsExactly(new Document("number", 1), new Document("company_slot", 1));
    }
}

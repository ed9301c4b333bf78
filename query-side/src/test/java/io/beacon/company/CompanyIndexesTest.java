package io.beacon.company;

import io.beacon.readmodel.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CompanyIndexesTest {

    @Test
    void requestsTheUniqueNumberIndexAndTheQueryIndexesRealMongoDbUses() {
        IndexOperations indexOps = mock(IndexOperations.class);
        MongoOperations mongo = mock(MongoOperations.class);
        when(mongo.indexOps(CompanyDocuments.COLLECTION)).thenReturn(indexOps);
        List<IndexDefinition> requested = new ArrayList<>();
        when(indexOps.createIndex(any())).thenAnswer(call -> {
            requested.add(call.getArgument(0));
            return "ok";
        });

        new CompanyIndexes(mongo).ensure();

        assertThat(requested).extracting(IndexDefinition::getIndexKeys).contains(
                new Document("number", 1),
                new Document("deleted", 1).append("number", 1),
                new Document("deleted", 1).append("name", 1).append("number", 1),
                new Document("deleted", 1).append("employees_count", 1).append("number", 1),
                new Document("deleted", 1).append("created_at", 1).append("number", 1),
                new Document("deleted", 1).append("updated_at", 1).append("number", 1),
                new Document("industries_lc", 1),
                new Document("keywords_lc", 1),
                new Document("technologies_lc", 1));
        assertThat(requested).filteredOn(index -> index.getIndexOptions().getBoolean("unique", false))
                .extracting(IndexDefinition::getIndexKeys).containsExactly(new Document("number", 1));
    }

    @Test
    void ensuringTwiceKeepsOneUniqueNumberIndexOnTheEmbeddedStore() {
        try (InMemoryMongo mongo = new InMemoryMongo(template -> new CompanyIndexes(template).ensure())) {
            new CompanyIndexes(mongo.template()).ensure();

            List<IndexInfo> indexes = mongo.template().indexOps(CompanyDocuments.COLLECTION).getIndexInfo();
            assertThat(indexes).filteredOn(index -> index.getName().equals("number_unique"))
                    .singleElement().satisfies(index -> assertThat(index.isUnique()).isTrue());
        }
    }
}

package io.beacon.gateway.it;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The companies read model's collections as they lie in the store, per generation (generation 0 has the plain
 * names, generation n the suffix {@code __g<n>}), so replay tests can compare generations document by document.
 */
final class CompaniesReadModelGenerations {

    private static final Set<String> COLLECTIONS = Set.of("companies", "contacts", "contact_companies");
    private static final String VALUE_COUNTS = "company_values_";

    private CompaniesReadModelGenerations() {
    }

    /** The logical names of the companies read model's collections that exist in {@code generation}. */
    static List<String> collections(MongoDatabase db, int generation) {
        List<String> names = new ArrayList<>();
        for (String name : db.listCollectionNames()) {
            int at = name.lastIndexOf("__g");
            String logical = at < 0 ? name : name.substring(0, at);
            int of = at < 0 ? 0 : Integer.parseInt(name.substring(at + 3));
            if (of == generation && (COLLECTIONS.contains(logical) || logical.startsWith(VALUE_COUNTS))) {
                names.add(logical);
            }
        }
        return names;
    }

    static String physical(String logical, int generation) {
        return generation == 0 ? logical : logical + "__g" + generation;
    }

    /** Every document of one physical collection, in {@code _id} order. */
    static List<Document> documents(MongoDatabase db, String physical) {
        return db.getCollection(physical).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    /** Every document of the read model in {@code generation}, by logical collection name. */
    static Map<String, List<Document>> documents(MongoDatabase db, int generation) {
        Map<String, List<Document>> documents = new TreeMap<>();
        for (String logical : collections(db, generation)) {
            documents.put(logical, documents(db, physical(logical, generation)));
        }
        return documents;
    }
}

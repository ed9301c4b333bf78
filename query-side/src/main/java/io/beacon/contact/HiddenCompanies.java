package io.beacon.contact;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.HashSet;
import java.util.Set;

/**
 * The companies whose contacts no search may show: deleted (their contacts stay in the read model
 * until the cascade has deleted them) or not created yet, as {@link ContactCompanies} records them. A
 * search reads them once, before the contacts, so a company deleted while it runs may still show in
 * that one answer.
 */
public final class HiddenCompanies {

    private HiddenCompanies() {
    }

    /** The uuids of the hidden companies. */
    public static Set<String> read(MongoOperations mongo) {
        Query query = Query.query(new Criteria().orOperator(Criteria.where(ContactCompanies.KNOWN).ne(true),
                Criteria.where(ContactCompanies.DELETED).is(true)));
        query.fields().include(ContactCompanies.ID);
        Set<String> hidden = new HashSet<>();
        mongo.executeQuery(query, ContactCompanies.COLLECTION,
                document -> hidden.add(document.getString(ContactCompanies.ID)));
        return hidden;
    }
}

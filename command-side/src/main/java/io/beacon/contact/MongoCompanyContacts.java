package io.beacon.contact;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactId;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The cascade's memory in two collections: {@code contact_cascade_contacts} ({@code _id} contact,
 * {@code company}) and {@code contact_cascade_deleted_companies} ({@code _id} company). Upserts and
 * removals by id make every write idempotent.
 */
@Component
class MongoCompanyContacts implements CompanyContacts, InitializingBean {

    static final String CONTACTS = "contact_cascade_contacts";
    static final String DELETED_COMPANIES = "contact_cascade_deleted_companies";
    private static final String COMPANY = "company";

    private final MongoOperations mongo;

    MongoCompanyContacts(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(CONTACTS).createIndex(new Index().on(COMPANY, Direction.ASC).named(COMPANY));
    }

    @Override
    public void contactCreated(ContactId contactId, CompanyId companyId) {
        mongo.upsert(byId(contactId.value()), new Update().set(COMPANY, companyId.value()), CONTACTS);
    }

    @Override
    public void contactDeleted(ContactId contactId) {
        mongo.remove(byId(contactId.value()), CONTACTS);
    }

    @Override
    public void companyDeleted(CompanyId companyId) {
        mongo.upsert(byId(companyId.value()), new Update().setOnInsert(COMPANY, companyId.value()), DELETED_COMPANIES);
    }

    @Override
    public boolean isCompanyDeleted(CompanyId companyId) {
        return mongo.exists(byId(companyId.value()), DELETED_COMPANIES);
    }

    @Override
    public List<ContactId> contactsOf(CompanyId companyId) {
        Query query = Query.query(Criteria.where(COMPANY).is(companyId.value()));
        query.fields().include("_id");
        return mongo.find(query, Document.class, CONTACTS).stream()
                .map(document -> ContactId.of(document.getString("_id")))
                .toList();
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}

package io.beacon.contact;

import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.query.ContactCompany;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactMetadata;
import io.beacon.readmodel.VersionedDocuments;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The shape of a document in the {@code contacts} collection, and its mapping to {@link ContactView}.
 * Field names are the API names, so an update's change keys are usable as Mongo paths unchanged.
 * Beside the contact's own fields a document carries {@code company}: what contact search needs of
 * the company (uuid, name, domain, employees, revenue, industries, keywords, technologies, location),
 * kept current by {@link ContactProjection}; and {@code company_slot}, its key among the company's
 * contacts (see {@link ContactCompanies}).
 */
final class ContactDocuments {

    static final String COLLECTION = "contacts";

    static final String ID = VersionedDocuments.ID;
    static final String NUMBER = "number";
    static final String COMPANY_SLOT = "company_slot";
    static final String COMPANY = "company";
    static final String METADATA = "metadata";
    static final String VERSION = VersionedDocuments.VERSION;
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = VersionedDocuments.UPDATED_AT;
    static final String DELETED = "deleted";
    /** True once the contact's personal data was erased (its personal fields are then null). */
    static final String PERSONAL_DATA_ERASED = "personal_data_erased";
    /** Lower-cased copy of {@code departments}, for exact case-insensitive matching in the store. */
    static final String DEPARTMENTS_LC = "departments_lc";

    private ContactDocuments() {
    }

    static Document created(ContactCreated event, String slot, Document company, long version, Instant timestamp) {
        ContactFields fields = event.fields();
        Document metadata = new Document();
        Document document = new Document(ID, event.contactId().value())
                .append(NUMBER, event.number())
                .append(COMPANY_SLOT, slot)
                .append(COMPANY, company);
        for (ContactField field : ContactField.values()) {
            if (field.isMetadata()) {
                metadata.append(metadataKey(field), field.get(fields));
            } else {
                document.append(field.apiName(), field.get(fields));
            }
        }
        Date at = VersionedDocuments.toDate(timestamp);
        return document.append(METADATA, metadata)
                .append(DEPARTMENTS_LC, ContactCompanies.lowerCase(fields.departments()))
                .append(VERSION, version)
                .append(CREATED_AT, at)
                .append(UPDATED_AT, at)
                .append(PERSONAL_DATA_ERASED, !event.erased().isEmpty())
                .append(DELETED, false);
    }

    static ContactView toView(Document d) {
        Document m = d.get(METADATA, Document.class);
        ContactMetadata metadata = m == null ? ContactMetadata.EMPTY : new ContactMetadata(
                m.getString("city"), m.getString("state"), m.getString("country"), m.getString("linkedin_url"),
                m.getString("website"), m.getString("facebook_url"), m.getString("twitter_url"));
        Document company = d.get(COMPANY, Document.class);
        return new ContactView(((Number) d.get(NUMBER)).longValue(), d.getString(ID),
                d.getString("first_name"), d.getString("last_name"), d.getString("email"), d.getString("title"),
                d.getString("seniority"), strings(d, "departments"), d.getString("email_status"),
                d.getString("work_direct_phone"), d.getString("home_phone"), d.getString("mobile_phone"),
                d.getString("other_phone"), d.getString("stage"),
                new ContactCompany(company.getString("uuid"), company.getString("name")), metadata,
                ((Number) d.get(VERSION)).longValue(), instant(d.get(CREATED_AT)), instant(d.get(UPDATED_AT)),
                Boolean.TRUE.equals(d.getBoolean(PERSONAL_DATA_ERASED)), Boolean.TRUE.equals(d.getBoolean(DELETED)));
    }

    static String metadataKey(ContactField field) {
        return field.apiName().substring((METADATA + ".").length());
    }

    private static List<String> strings(Document d, String key) {
        List<String> values = d.getList(key, String.class);
        return values == null ? List.of() : List.copyOf(values);
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : (Instant) value;
    }
}

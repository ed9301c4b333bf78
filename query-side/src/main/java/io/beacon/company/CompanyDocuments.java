package io.beacon.company;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.query.CompanyView;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.readmodel.VersionedDocuments;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a document in the {@code companies} collection, and its mapping to {@link CompanyView}.
 * Field names are the API names, so an update's change keys are usable as Mongo paths unchanged.
 */
final class CompanyDocuments {

    static final String COLLECTION = "companies";

    static final String ID = VersionedDocuments.ID;
    static final String NUMBER = "number";
    static final String VERSION = VersionedDocuments.VERSION;
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = VersionedDocuments.UPDATED_AT;
    static final String DELETED = "deleted";
    /** Suffix of the lower-cased copy of a list field, which exact case-insensitive matching uses. */
    static final String LOWER_CASE_SUFFIX = "_lc";

    private CompanyDocuments() {
    }

    static Document created(CompanyCreated event, long version, Instant timestamp) {
        CompanyFields fields = event.fields();
        Document metadata = new Document();
        for (CompanyField field : CompanyField.values()) {
            if (isMetadata(field)) {
                metadata.append(field.apiName().substring("metadata.".length()), field.get(fields));
            }
        }
        Document document = new Document(ID, event.companyId().value()).append(NUMBER, event.number());
        for (CompanyField field : CompanyField.values()) {
            if (!isMetadata(field)) {
                document.append(field.apiName(), field.get(fields));
            }
        }
        Date at = VersionedDocuments.toDate(timestamp);
        return document.append("metadata", metadata)
                .append(lowerCasePath(CompanyField.INDUSTRIES), lowerCase(fields.industries()))
                .append(lowerCasePath(CompanyField.KEYWORDS), lowerCase(fields.keywords()))
                .append(lowerCasePath(CompanyField.TECHNOLOGIES), lowerCase(fields.technologies()))
                .append(VERSION, version)
                .append(CREATED_AT, at)
                .append(UPDATED_AT, at)
                .append(DELETED, false);
    }

    static CompanyView toView(Document d) {
        Document m = d.get("metadata", Document.class);
        CompanyMetadata metadata = m == null ? CompanyMetadata.EMPTY : new CompanyMetadata(
                m.getString("city"), m.getString("state"), m.getString("country"), m.getString("phone_number"),
                m.getString("website"), m.getString("linkedin_url"), m.getString("facebook_url"),
                m.getString("twitter_url"));
        return new CompanyView(longValue(d.get(NUMBER)), d.getString(ID), d.getString("name"),
                nullableLong(d.get("employees_count")), nullableLong(d.get("annual_revenue")),
                nullableLong(d.get("total_funding")), strings(d, "industries"), strings(d, "keywords"),
                strings(d, "technologies"), d.getString("address"), d.getString("text_search"), metadata,
                longValue(d.get(VERSION)), instant(d.get(CREATED_AT)), instant(d.get(UPDATED_AT)),
                Boolean.TRUE.equals(d.getBoolean(DELETED)));
    }

    static String lowerCasePath(CompanyField listField) {
        return listField.apiName() + LOWER_CASE_SUFFIX;
    }

    static List<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean isMetadata(CompanyField field) {
        return field.apiName().startsWith("metadata.");
    }

    private static List<String> strings(Document d, String key) {
        List<String> values = d.getList(key, String.class);
        return values == null ? List.of() : List.copyOf(values);
    }

    private static long longValue(Object value) {
        return ((Number) value).longValue();
    }

    private static Long nullableLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return (Instant) value;
    }
}

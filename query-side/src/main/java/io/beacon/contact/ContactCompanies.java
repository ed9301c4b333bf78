package io.beacon.contact;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code contact_companies} collection: per company, what its contacts show of it (the
 * {@code company} sub-document copied into each contact) and how many contact slots it has handed out.
 *
 * <p>Contact {@code i} of a company (in the order the projection placed them) carries the unique key
 * {@code company_slot = "<company uuid>#<i>"}. A company's contacts are therefore found with an
 * {@code $in} over its slot keys, which even the embedded store answers from a unique index, and a
 * company change reaches its contacts the same way, never by a collection scan. A slot whose contact
 * was deleted stays used (the contact's tombstone keeps it), so slots only grow.
 */
final class ContactCompanies {

    static final String COLLECTION = "contact_companies";

    static final String ID = "_id";
    /** True once the company's creation was projected (a contact event may arrive first). */
    static final String KNOWN = "known";
    static final String DELETED = "deleted";
    static final String VERSION = "version";
    static final String SLOTS = "slots";
    static final String COMPANY = "company";

    /** How many slot keys one {@code $in} carries: the embedded store checks each match against the whole list. */
    static final int CHUNK = 500;

    private final MongoOperations mongo;

    ContactCompanies(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** A company as the contact read model knows it. */
    record Source(CompanyId id, boolean known, boolean deleted, long version, long slots, Document company) {

        boolean visible() {
            return known && !deleted;
        }
    }

    Source find(CompanyId id) {
        return source(id, mongo.findOne(byId(id), Document.class, COLLECTION));
    }

    private static Source source(CompanyId id, Document stored) {
        if (stored == null) {
            return new Source(id, false, false, 0, 0, emptyCompany(id));
        }
        Document company = stored.get(COMPANY, Document.class);
        return new Source(id, Boolean.TRUE.equals(stored.getBoolean(KNOWN)), Boolean.TRUE.equals(stored.getBoolean(DELETED)),
                number(stored.get(VERSION)), number(stored.get(SLOTS)), company == null ? emptyCompany(id) : company);
    }

    /** Where a new contact goes: its slot key, and what it shows of its company. */
    record Placement(String slotKey, Document company) {
    }

    /**
     * Takes the company's next contact slot, creating the source if no event of the company came yet
     * (the contact then shows the company's uuid alone until its creation is projected).
     */
    Placement place(CompanyId id) {
        Document updated = mongo.findAndModify(byId(id), new Update().inc(SLOTS, 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
        Document company = updated.get(COMPANY, Document.class);
        return new Placement(slotKey(id, number(updated.get(SLOTS)) - 1), company == null ? emptyCompany(id) : company);
    }

    /** Records the company's creation; returns the company as its contacts now show it. */
    Source created(CompanyCreated event, long version) {
        Source source = find(event.companyId());
        if (source.version() >= version) {
            return source;
        }
        return write(event.companyId(), new Update().set(KNOWN, true).set(DELETED, false).set(VERSION, version)
                .set(COMPANY, company(event.companyId(), event.fields())), true);
    }

    /**
     * Applies the changes that contacts show; returns the company as they now show it, or null when no
     * change is shown. Change values are absolute, so applying them again is harmless; the version check
     * only keeps an older event from undoing a newer one.
     */
    Source updated(CompanyUpdated event, long version) {
        Update update = new Update();
        boolean shown = false;
        for (Map.Entry<String, FieldChange> change : event.changes().entrySet()) {
            shown |= shownChange(update, CompanyField.fromApiName(change.getKey()), change.getValue().newValue());
        }
        Source source = find(event.companyId());
        if (source.version() < version) {
            // No upsert: a company this read model never saw created stays unknown, as before.
            source = write(event.companyId(), update.set(VERSION, version), false);
        }
        return shown ? source : null;
    }

    /** Writes the company's document and answers it as written: one round trip, no read after. */
    private Source write(CompanyId id, Update update, boolean upsert) {
        return source(id, mongo.findAndModify(byId(id), update,
                FindAndModifyOptions.options().upsert(upsert).returnNew(true), Document.class, COLLECTION));
    }

    void deleted(CompanyId id, long version) {
        if (find(id).version() >= version) {
            return;
        }
        mongo.upsert(byId(id), new Update().set(DELETED, true).set(VERSION, version), COLLECTION);
    }

    /** Each chunk of the company's slot keys, in slot order. */
    void forEachSlotChunk(Source source, Consumer<List<String>> action) {
        for (long start = 0; start < source.slots(); start += CHUNK) {
            List<String> keys = new ArrayList<>(CHUNK);
            for (long slot = start; slot < Math.min(source.slots(), start + CHUNK); slot++) {
                keys.add(slotKey(source.id(), slot));
            }
            action.accept(keys);
        }
    }

    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    static String slotKey(CompanyId id, long slot) {
        return id.value() + "#" + slot;
    }

    /** What a contact shows of a company whose creation was not projected yet: its uuid alone. */
    static Document emptyCompany(CompanyId id) {
        return new Document("uuid", id.value());
    }

    static Document company(CompanyId id, CompanyFields fields) {
        return new Document("uuid", id.value())
                .append("name", fields.name())
                .append("domain", CompanyDomains.of(fields.metadata().website()))
                .append("employees_count", fields.employeesCount())
                .append("annual_revenue", fields.annualRevenue())
                .append("industries", fields.industries())
                .append("industries_lc", lowerCase(fields.industries()))
                .append("keywords", fields.keywords())
                .append("keywords_lc", lowerCase(fields.keywords()))
                .append("technologies", fields.technologies())
                .append("technologies_lc", lowerCase(fields.technologies()))
                .append("city", fields.metadata().city())
                .append("state", fields.metadata().state())
                .append("country", fields.metadata().country());
    }

    @SuppressWarnings("unchecked")
    private static boolean shownChange(Update update, CompanyField field, Object rawValue) {
        Object value = field.normalize(rawValue);
        String path = switch (field) {
            case NAME -> "name";
            case EMPLOYEES_COUNT -> "employees_count";
            case ANNUAL_REVENUE -> "annual_revenue";
            case INDUSTRIES -> "industries";
            case KEYWORDS -> "keywords";
            case TECHNOLOGIES -> "technologies";
            case CITY -> "city";
            case STATE -> "state";
            case COUNTRY -> "country";
            case WEBSITE -> "domain";
            default -> null;
        };
        if (path == null) {
            return false;
        }
        if (field == CompanyField.WEBSITE) {
            value = CompanyDomains.of((String) value);
        }
        update.set(COMPANY + "." + path, value);
        if (field.kind() == CompanyField.Kind.TEXT_LIST) {
            update.set(COMPANY + "." + path + "_lc", lowerCase((List<String>) value));
        }
        return true;
    }

    static List<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static Query byId(CompanyId id) {
        return Query.query(Criteria.where(ID).is(id.value()));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

package io.beacon.company;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.FindCompany;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.beacon.company.CompanyDocuments.COLLECTION;

/**
 * Projects company events into the {@code companies} collection. A document's {@code version} is the
 * number of events applied to it; each handler writes only when the stored version is older than its
 * event, so redelivery and replay over existing documents change nothing.
 */
@Component
@ProcessingGroup(CompanyProjection.PROCESSING_GROUP)
public class CompanyProjection {

    public static final String PROCESSING_GROUP = "companies";

    private final MongoOperations mongo;
    private final QueryUpdateEmitter emitter;

    public CompanyProjection(MongoOperations mongo, QueryUpdateEmitter emitter) {
        this.mongo = mongo;
        this.emitter = emitter;
    }

    @EventHandler
    public void on(CompanyCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Document document = CompanyDocuments.created(event, sequence + 1, timestamp);
        try {
            mongo.insert(document, COLLECTION);
        } catch (DuplicateKeyException e) {
            if (storedVersion(event.companyId()) >= sequence + 1) {
                return;
            }
            // Not our own earlier write: another company holds this number, which must not go unnoticed.
            throw e;
        }
        emit(event.companyId(), CompanyDocuments.toView(document));
    }

    @EventHandler
    public void on(CompanyUpdated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Update update = versioned(sequence, timestamp);
        event.changes().forEach((name, change) -> {
            CompanyField field = CompanyField.fromApiName(name);
            Object value = field.normalize(change.newValue());
            update.set(field.apiName(), value);
            if (field.kind() == CompanyField.Kind.TEXT_LIST) {
                @SuppressWarnings("unchecked")
                List<String> values = (List<String>) value;
                update.set(CompanyDocuments.lowerCasePath(field), CompanyDocuments.lowerCase(values));
            }
        });
        apply(event.companyId(), sequence, update);
    }

    @EventHandler
    public void on(CompanyDeleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        // A tombstone rather than a removal: a late, redelivered event then still finds a newer version.
        apply(event.companyId(), sequence, versioned(sequence, timestamp).set(CompanyDocuments.DELETED, true));
    }

    @ResetHandler
    public void reset() {
        // Removing the documents (not dropping the collection) keeps the indexes for the replay.
        mongo.remove(new Query(), COLLECTION);
    }

    /*
     * The version check reads by _id alone and compares in Java: a filter on _id plus another field
     * makes the embedded store scan the whole collection, while _id alone is an index lookup. Reading
     * first and then writing is safe because one processor thread owns a company's events at a time
     * (a segment is claimed through the token store).
     */
    private void apply(CompanyId id, long sequence, Update update) {
        long stored = storedVersion(id);
        // Already applied, or the company was never created here: nothing to do.
        if (stored == 0 || stored >= sequence + 1) {
            return;
        }
        Document updated = mongo.findAndModify(byId(id), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        if (updated != null) {
            emit(id, CompanyDocuments.toView(updated));
        }
    }

    /** The version of the stored company, 0 when there is none (versions start at 1). */
    private long storedVersion(CompanyId id) {
        Query query = byId(id);
        query.fields().include(CompanyDocuments.VERSION);
        Document stored = mongo.findOne(query, Document.class, COLLECTION);
        return stored == null ? 0 : ((Number) stored.get(CompanyDocuments.VERSION)).longValue();
    }

    private static Query byId(CompanyId id) {
        return Query.query(Criteria.where(CompanyDocuments.ID).is(id.value()));
    }

    private static Update versioned(long sequence, Instant timestamp) {
        return new Update()
                .set(CompanyDocuments.VERSION, sequence + 1)
                .set(CompanyDocuments.UPDATED_AT, CompanyDocuments.toDate(timestamp));
    }

    private void emit(CompanyId id, CompanyView view) {
        emitter.emit(FindCompany.class, query -> query.companyId().equals(id), view);
    }
}

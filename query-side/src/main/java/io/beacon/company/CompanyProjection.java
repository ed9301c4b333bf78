package io.beacon.company;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.FindCompany;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyId;
import io.beacon.readmodel.VersionedDocuments;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.beacon.company.CompanyDocuments.COLLECTION;

/**
 * Projects company events into the {@code companies} collection, as {@link VersionedDocuments}: each
 * handler writes only when the stored version is older than its event, so redelivery and replay over
 * existing documents change nothing.
 */
@Component
@ProcessingGroup(CompanyProjection.PROCESSING_GROUP)
public class CompanyProjection {

    public static final String PROCESSING_GROUP = "companies";

    private final MongoOperations mongo;
    private final VersionedDocuments documents;
    private final QueryUpdateEmitter emitter;

    public CompanyProjection(MongoOperations mongo, QueryUpdateEmitter emitter) {
        this.mongo = mongo;
        this.documents = new VersionedDocuments(mongo, COLLECTION);
        this.emitter = emitter;
    }

    @EventHandler
    public void on(CompanyCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Document document = CompanyDocuments.created(event, sequence + 1, timestamp);
        if (documents.insert(event.companyId().value(), sequence, document)) {
            emit(event.companyId(), CompanyDocuments.toView(document));
        }
    }

    @EventHandler
    public void on(CompanyUpdated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Update update = VersionedDocuments.versioned(sequence, timestamp);
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
        apply(event.companyId(), sequence,
                VersionedDocuments.versioned(sequence, timestamp).set(CompanyDocuments.DELETED, true));
    }

    @ResetHandler
    public void reset() {
        // Removing the documents (not dropping the collection) keeps the indexes for the replay.
        mongo.remove(new Query(), COLLECTION);
    }

    private void apply(CompanyId id, long sequence, Update update) {
        Document updated = documents.apply(id.value(), sequence, update);
        if (updated != null) {
            emit(id, CompanyDocuments.toView(updated));
        }
    }

    private void emit(CompanyId id, CompanyView view) {
        emitter.emit(FindCompany.class, query -> query.companyId().equals(id), view);
    }
}

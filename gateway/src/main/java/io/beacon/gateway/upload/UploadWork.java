package io.beacon.gateway.upload;

import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The uploads that are not finished, one document each in {@value #COLLECTION} (so the collection stays as
 * small as the work in hand, and scanning it is cheap on any store): {@code receiving} while the file comes
 * in, {@code accepted} once its upload started. A node processes an upload under a lease
 * ({@code lease_node}, {@code lease_until}) taken and renewed by a conditional find-and-modify, so one node
 * at a time works on it and another takes over when a node dies. The document goes when the upload finishes.
 */
@Component
class UploadWork {

    static final String COLLECTION = "upload_work";
    static final String RECEIVING = "receiving";
    static final String ACCEPTED = "accepted";

    private final MongoOperations mongo;

    UploadWork(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** What a node needs to process an upload, as recorded when it was received. */
    record Item(UploadId uploadId, String state, Instant since, String owner, String ownerEmail, UploadType type,
                UploadFormat format, int failures) {

        static Item of(Document document) {
            Number failures = (Number) document.get("failures");
            return new Item(UploadId.of(document.getString("_id")), document.getString("state"),
                    document.get("since", Date.class).toInstant(), document.getString("owner"),
                    document.getString("owner_email"), UploadType.of(document.getString("type")),
                    UploadFormat.of(document.getString("format")), failures == null ? 0 : failures.intValue());
        }
    }

    void receiving(UploadId id, String owner, String ownerEmail, UploadType type, UploadFormat format) {
        mongo.insert(new Document("_id", id.value()).append("state", RECEIVING).append("since", new Date())
                .append("owner", owner).append("owner_email", ownerEmail).append("type", type.wire())
                .append("format", format.wire()).append("failures", 0), COLLECTION);
    }

    void accepted(UploadId id) {
        mongo.updateFirst(byId(id), new Update().set("state", ACCEPTED), COLLECTION);
    }

    List<Item> all() {
        return mongo.findAll(Document.class, COLLECTION).stream().map(Item::of).toList();
    }

    /** Takes or renews the lease of {@code node} on the upload; false when another node holds it. */
    boolean lease(UploadId id, String node, Duration length) {
        Date now = new Date();
        Query free = Query.query(Criteria.where("_id").is(id.value()).orOperator(
                Criteria.where("lease_until").exists(false), Criteria.where("lease_until").lt(now),
                Criteria.where("lease_node").is(node)));
        Document taken = mongo.findAndModify(free, new Update().set("lease_node", node)
                        .set("lease_until", new Date(now.getTime() + length.toMillis())),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        return taken != null;
    }

    /** Gives the lease up, so any node may take the upload at once. */
    void release(UploadId id, String node) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id.value()).and("lease_node").is(node)),
                new Update().unset("lease_until").unset("lease_node"), COLLECTION);
    }

    /** Counts a failed attempt; answers the attempts failed so far. */
    int failed(UploadId id) {
        Document counted = mongo.findAndModify(byId(id), new Update().inc("failures", 1),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        return counted == null ? 0 : ((Number) counted.get("failures")).intValue();
    }

    /** An attempt recorded progress: the failed attempts before it no longer count. */
    void progressed(UploadId id) {
        mongo.updateFirst(byId(id), new Update().set("failures", 0), COLLECTION);
    }

    void done(UploadId id) {
        mongo.remove(byId(id), COLLECTION);
    }

    private static Query byId(UploadId id) {
        return Query.query(Criteria.where("_id").is(id.value()));
    }
}

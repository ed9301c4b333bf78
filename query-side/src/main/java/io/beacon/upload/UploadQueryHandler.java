package io.beacon.upload;

import io.beacon.upload.query.FindUpload;
import io.beacon.upload.query.ListUploads;
import io.beacon.upload.query.UploadPage;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadId;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.beacon.upload.UploadDocuments.*;

/**
 * Answers uploads from the read model. One upload is a lookup by {@code _id}, and a page of its errors a
 * {@code $in} over the ids of the progress records that hold it (unique-key lookups on either store).
 * A list filters by owner and status: an index on real MongoDB, a scan of the (small) collection on the
 * embedded store.
 */
@Component
public class UploadQueryHandler {

    private final MongoOperations mongo;

    public UploadQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public UploadView handle(FindUpload query) {
        Document upload = mongo.findOne(Query.query(Criteria.where(ID).is(query.uploadId().value())), Document.class, UPLOADS);
        if (upload == null) {
            return null;
        }
        return toView(upload, errors(mongo, upload, query.errorsOffset(), query.errorsLimit()));
    }

    @QueryHandler
    public UploadPage handle(ListUploads query) {
        Criteria criteria = new Criteria();
        if (query.owner() != null) {
            criteria = criteria.and(OWNER).is(query.owner().value());
        }
        if (query.status() != null) {
            criteria = criteria.and(STATUS).is(query.status().wire());
        }
        Query find = Query.query(criteria);
        long total = mongo.count(find, UPLOADS);
        find.with(Sort.by(Sort.Order.desc(CREATED_AT), Sort.Order.desc(ID))).skip(query.offset()).limit(query.limit());
        find.fields().exclude(ERROR_CHUNKS);
        List<UploadView> views = mongo.find(find, Document.class, UPLOADS).stream()
                .map(upload -> toView(upload, List.of()))
                .toList();
        return new UploadPage(views, total);
    }

    /** Errors {@code offset} to {@code offset + limit - 1} of the upload, in row order. */
    static List<RowError> errors(MongoOperations mongo, Document upload, long offset, int limit) {
        List<?> chunks = upload.getList(ERROR_CHUNKS, List.class, List.of());
        List<String> wanted = new ArrayList<>();
        long seen = 0;
        long firstSkip = 0;
        for (Object chunk : chunks) {
            List<?> range = (List<?>) chunk;
            long count = ((Number) range.get(1)).longValue();
            if (seen + count > offset && seen < offset + limit) {
                if (wanted.isEmpty()) {
                    firstSkip = offset - seen;
                }
                wanted.add(errorsId(UploadId.of(upload.getString(ID)), ((Number) range.get(0)).longValue()));
            }
            seen += count;
        }
        if (wanted.isEmpty() || limit == 0) {
            return List.of();
        }
        Map<String, Document> byId = new HashMap<>();
        mongo.find(Query.query(Criteria.where(ID).in(wanted)), Document.class, ERRORS)
                .forEach(found -> byId.put(found.getString(ID), found));
        List<RowError> page = new ArrayList<>(limit);
        long skip = firstSkip;
        for (String id : wanted) {
            Document found = byId.get(id);
            if (found == null) {
                continue;
            }
            for (Document error : found.getList(ERRORS_FIELD, Document.class)) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                if (page.size() == limit) {
                    return page;
                }
                page.add(rowError(error));
            }
        }
        return page;
    }
}

package io.beacon.upload;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The index of upload lists on real MongoDB (owner, newest first); the embedded store ignores it and
 * scans, which the uploads collection (one small document per upload) can afford.
 */
@Component
public class UploadIndexes implements InitializingBean {

    private final MongoOperations mongo;

    public UploadIndexes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        ensure();
    }

    public void ensure() {
        mongo.indexOps(UploadDocuments.UPLOADS).createIndex(new Index()
                .on(UploadDocuments.OWNER, Direction.ASC).on(UploadDocuments.CREATED_AT, Direction.DESC).named("owner_created"));
    }
}

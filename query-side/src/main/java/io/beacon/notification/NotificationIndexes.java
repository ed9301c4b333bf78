package io.beacon.notification;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Creates the one secondary index of the notifications read model at start-up, before event
 * processors run: the unique {@code key} of inbox entries, which makes a redelivered publication a
 * no-op and answers "is this notification in this inbox" with an index lookup.
 */
@Component
public class NotificationIndexes implements InitializingBean {

    private final MongoOperations mongo;

    public NotificationIndexes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        ensure();
    }

    public void ensure() {
        mongo.indexOps(NotificationDocuments.ENTRIES).createIndex(
                new Index().on(NotificationDocuments.KEY, Direction.ASC).unique().named("key_unique"));
    }
}

package io.beacon.gateway.store.events;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.beacon.gateway.store.MongoStore;
import io.beacon.projection.EventTimes;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * The time of the commit that holds a position: a lookup on the commits' unique positions index, which
 * the embedded store serves from the index too (a range read there would scan every commit). The time is
 * that of the commit's first event, within a group commit of the event's own.
 */
@Component
class StoredEventTimes implements EventTimes {

    private final MongoCollection<Document> commits;

    StoredEventTimes(MongoStore store, @Value("${spring.data.mongodb.database:beacon}") String database) {
        this.commits = store.client().getDatabase(database).getCollection("events");
    }

    @Override
    public Optional<Instant> storedAt(long position) {
        Document commit = commits.find(Filters.eq(CommitDocuments.POSITIONS, position))
                .projection(Projections.include(CommitDocuments.TIMESTAMP)).first();
        if (commit == null || !(commit.get(CommitDocuments.TIMESTAMP) instanceof Number nanos)) {
            return Optional.empty();
        }
        return Optional.of(StoredEvents.instant(nanos.longValue()));
    }
}

package io.beacon.readmodel;

import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the token store's documents without claiming anything: Axon's TokenStore only reads a token by
 * claiming it, which would take a segment from the node working on it. Used to show where a processor
 * stands, whichever node runs it.
 */
final class TrackingTokens {

    static final String COLLECTION = "trackingtokens";

    private final MongoDatabaseFactory store;
    private final Serializer serializer;

    /** One segment's token: its position (0 before the first event) and who holds it since when. */
    record Segment(int segment, long position, String owner, Instant claimedAt) {

        boolean claimedWithin(Duration timeout, Instant now) {
            return owner != null && claimedAt != null && claimedAt.plus(timeout).isAfter(now);
        }
    }

    TrackingTokens(MongoDatabaseFactory store, Serializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    List<Segment> segments(String processor) {
        List<Segment> segments = new ArrayList<>();
        for (Document document : store.getMongoDatabase().getCollection(COLLECTION)
                .find(Filters.eq("processorName", processor))) {
            segments.add(new Segment(document.getInteger("segment", 0), position(document), document.getString("owner"),
                    claimedAt(document)));
        }
        return segments;
    }

    /**
     * Removes every token of {@code processor}, claimed or not: a replay's token a crash left behind (the
     * node died between the switch and its clean-up) must not be where the next replay of that read model
     * starts from. Only for a processor that no node runs at the moment.
     */
    void delete(String processor) {
        store.getMongoDatabase().getCollection(COLLECTION).deleteMany(Filters.eq("processorName", processor));
    }

    private long position(Document document) {
        Object raw = document.get("token");
        String type = document.getString("tokenType");
        if (raw == null || type == null) {
            return 0;
        }
        byte[] bytes = raw instanceof Binary binary ? binary.getData() : (byte[]) raw;
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
        return token == null ? 0 : token.position().orElse(0);
    }

    private static Instant claimedAt(Document document) {
        Object timestamp = document.get("timestamp");
        if (timestamp instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        if (timestamp instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}

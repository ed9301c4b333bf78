package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Beacon's stored events, read straight from the store as a test looks at them. */
final class StoredEventDocuments {

    private StoredEventDocuments() {
    }

    /**
     * The aggregate's stored events in sequence order, each with the global position it got ("position").
     * Events are stored one document per commit: {_id: first position, pos: [...], ev: [events]}.
     */
    static List<Document> events(MongoClient storeClient, String aggregateId) {
        MongoCollection<Document> commits = storeClient.getDatabase("beacon").getCollection("events");
        List<Document> events = new ArrayList<>();
        for (Document commit : commits.find(Filters.eq("ev.a", aggregateId))) {
            List<Document> committed = commit.getList("ev", Document.class);
            for (int i = 0; i < committed.size(); i++) {
                if (aggregateId.equals(committed.get(i).getString("a"))) {
                    events.add(committed.get(i).append("position", ((Number) commit.get("_id")).longValue() + i));
                }
            }
        }
        events.sort(Comparator.comparingLong(e -> ((Number) e.get("s")).longValue()));
        return events;
    }

    /** A stored serialized payload or metadata (text, binary or an embedded document) as JSON. */
    static JsonNode parse(Object stored) {
        try {
            if (stored instanceof Document document) {
                return WsClient.JSON.readTree(document.toJson());
            }
            if (stored instanceof Binary binary) {
                return WsClient.JSON.readTree(binary.getData());
            }
            if (stored instanceof byte[] bytes) {
                return WsClient.JSON.readTree(bytes);
            }
            return WsClient.JSON.readTree(String.valueOf(stored));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + stored, e);
        }
    }
}

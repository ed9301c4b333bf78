package io.beacon.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which generation of each read model answers, kept in {@code projection_generations} (one document per
 * read model: {@code active}, and while a replay builds the next one, {@code building} and its replay id).
 * Switching is one write of {@code active}: every read after it opens the new generation's collections.
 *
 * <p>{@link #route} runs on every collection a template opens, so the active generation is cached and read
 * again from the store at most every {@code refresh}: another node sees a switch within that time. Until
 * then it reads the previous generation, complete up to the switch and kept for a grace period after it.
 */
public class ReadModelGenerations {

    static final String COLLECTION = "projection_generations";
    static final String ACTIVE = "active";
    static final String BUILDING = "building";
    static final String REPLAY_ID = "replay_id";
    static final String LAST = "last";

    private static final Logger log = LoggerFactory.getLogger(ReadModelGenerations.class);

    private final MongoDatabaseFactory store;
    private final List<ProjectionDefinition> definitions;
    private final long refreshNanos;
    private final Map<String, Optional<ProjectionDefinition>> owners = new ConcurrentHashMap<>();
    private final Map<String, Cached> active = new ConcurrentHashMap<>();

    private record Cached(int generation, long readAt) {
    }

    /** A read model's generations as stored. */
    public record State(int active, Integer building, String replayId, int last) {
    }

    public ReadModelGenerations(MongoDatabaseFactory store, List<ProjectionDefinition> definitions, Duration refresh) {
        this.store = store;
        this.definitions = List.copyOf(definitions);
        this.refreshNanos = refresh.toNanos();
    }

    public List<ProjectionDefinition> definitions() {
        return definitions;
    }

    public Optional<ProjectionDefinition> definition(String name) {
        return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The physical name of {@code logical} in its read model's active generation; other names pass as they are. */
    public String route(String logical) {
        Optional<ProjectionDefinition> owner = owners.computeIfAbsent(logical,
                name -> definitions.stream().filter(d -> d.owns(name)).findFirst());
        return owner.map(d -> ReadModelNames.physical(logical, active(d.name()))).orElse(logical);
    }

    public int active(String name) {
        long now = System.nanoTime();
        Cached cached = active.get(name);
        if (cached == null || now - cached.readAt() > refreshNanos) {
            cached = new Cached(state(name).active(), now);
            active.put(name, cached);
        }
        return cached.generation();
    }

    public State state(String name) {
        Document document = collection().find(Filters.eq("_id", name)).first();
        if (document == null) {
            return new State(0, null, null, 0);
        }
        int activeGeneration = document.getInteger(ACTIVE, 0);
        return new State(activeGeneration, document.getInteger(BUILDING), document.getString(REPLAY_ID),
                Math.max(activeGeneration, document.getInteger(LAST, 0)));
    }

    /**
     * Reserves the next generation of {@code name} for replay {@code replayId}: one past every generation used
     * before, so no leftover of a failed replay is built upon. A replay under way → {@code CONFLICT}.
     */
    public int reserve(String name, String replayId) {
        collection().updateOne(Filters.eq("_id", name), Updates.setOnInsert(ACTIVE, 0), new UpdateOptions().upsert(true));
        State state = state(name);
        int next = state.last() + 1;
        Document reserved = collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", name), Filters.eq(BUILDING, null)),
                Updates.combine(Updates.set(BUILDING, next), Updates.set(REPLAY_ID, replayId), Updates.set(LAST, next)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (reserved == null) {
            throw new BeaconException(ErrorCode.CONFLICT, "a replay of " + name + " is already under way");
        }
        return next;
    }

    /** Makes {@code generation} the one that answers, here at once and on other nodes within the refresh time. */
    public void activate(String name, int generation) {
        collection().updateOne(Filters.eq("_id", name), Updates.combine(Updates.set(ACTIVE, generation),
                Updates.unset(BUILDING), Updates.unset(REPLAY_ID)));
        active.put(name, new Cached(generation, System.nanoTime()));
        log.info("read model {} now answers from generation {}", name, generation);
    }

    /** Gives up the generation being built (a failed replay); the active one stays. */
    public void abandon(String name) {
        collection().updateOne(Filters.eq("_id", name), Updates.combine(Updates.unset(BUILDING), Updates.unset(REPLAY_ID)));
    }

    /** The physical collections of {@code name} that exist in {@code generation}. */
    public List<String> collections(String name, int generation) {
        ProjectionDefinition definition = definition(name).orElseThrow();
        List<String> found = new ArrayList<>();
        for (String physical : database().listCollectionNames()) {
            if (ReadModelNames.generation(physical) == generation
                    && definition.owns(ReadModelNames.logical(physical))
                    && (generation > 0 || !physical.contains(ReadModelNames.SEPARATOR))) {
                found.add(physical);
            }
        }
        return found;
    }

    /** Drops every collection of {@code generation} of {@code name}; never the active one. */
    public void drop(String name, int generation) {
        if (generation == state(name).active()) {
            throw new IllegalStateException("generation " + generation + " of " + name + " is the active one");
        }
        for (String physical : collections(name, generation)) {
            database().getCollection(physical).drop();
        }
    }

    /**
     * Drops the generations of {@code name} that neither answer nor are being built: what a node that stopped
     * before its grace period ended, or a failed replay, left behind.
     */
    public void dropLeftovers(String name) {
        State state = state(name);
        for (int generation = 0; generation <= state.last(); generation++) {
            if (generation != state.active() && (state.building() == null || generation != state.building())) {
                for (String physical : collections(name, generation)) {
                    log.info("dropping {}, left over from generation {} of {}", physical, generation, name);
                    database().getCollection(physical).drop();
                }
            }
        }
    }

    private MongoCollection<Document> collection() {
        return database().getCollection(COLLECTION);
    }

    private MongoDatabase database() {
        return store.getMongoDatabase();
    }
}

package io.beacon.gateway.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The embedded store's backend, with every request pinned to the store version it started on.
 *
 * <p>The H2 backend answers a query by walking the collection's B-tree, and a full scan of a big
 * collection takes seconds. Meanwhile writes and H2's background compaction move pages out of old
 * chunks; once a chunk holds no live page, H2 frees it unless a reader has registered the version it
 * reads. mongo-java-server registers none, so a long scan could reach a freed chunk and fail with
 * {@code MVStoreException: Chunk N not found} (h2database#2118, #4382). Registering the version for the
 * duration of each request keeps the chunks it can reach until it is done. The backend materializes a
 * query's whole result inside the request (later {@code getMore}s are served from memory), so a
 * request-long pin covers every read of the tree. Both wire entry points are pinned: {@code OP_MSG}
 * (every current driver) and the legacy {@code OP_QUERY}; commands are dispatched from within them.
 *
 * <p>H2 commits only when told ({@link #commit()}), each commit a consistent cut between write requests.
 *
 * <p>Its index maps compare keys through {@link IndexKeyType}, which serializes each key once rather than
 * on every comparison.
 */
final class VersionPinningH2Backend extends H2Backend {

    /** Shared by every store: its memo is keyed by identity and bounded. */
    private static final IndexKeyType INDEX_KEYS = new IndexKeyType();

    /**
     * Commands that only read: they run beside a commit, as do aggregations without {@code $out}/{@code $merge}
     * (counts are aggregations). Anything else (writes, and commands not listed) waits for a commit to end, and
     * a commit for them.
     */
    private static final Set<String> READS = Set.of("find", "getMore", "count", "distinct", "listIndexes",
            "listCollections", "listDatabases", "ping", "hello", "isMaster", "ismaster", "buildInfo", "buildinfo",
            "getParameter", "killCursors", "endSessions", "dbStats", "collStats", "serverStatus", "whatsmyuri",
            "connectionStatus", "hostInfo", "getLastError", "getlasterror");

    private final MVStore mvStore;
    /** Write requests hold it shared; a commit holds it exclusively (see {@link #commit()}). */
    private final ReentrantReadWriteLock cut = new ReentrantReadWriteLock();

    VersionPinningH2Backend(MVStore mvStore) {
        super(mvStore);
        this.mvStore = mvStore;
    }

    /** Also called from H2Backend's constructor, for the databases already in the file: before this class's fields are set. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexKeyedDatabase(databaseName);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (readsOnly(message.getDocument())) {
            return pinned(() -> super.handleMessage(message));
        }
        return whole(() -> pinned(() -> super.handleMessage(message)));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return whole(() -> pinned(() -> super.handleQuery(query)));
    }

    /**
     * Writes to the file a version that holds every write request completed so far and none in progress:
     * a consistent cut. H2 commits each map at the root it has when the commit reaches it, so a commit
     * running beside requests could keep a later write of one collection and lose an earlier one of
     * another (a tracking token past events whose read-model writes were lost, an index without its
     * document). Holding writes out while it runs, every version on disk is a state some moment had.
     */
    @Override
    public void commit() {
        cut.writeLock().lock();
        try {
            super.commit();
        } finally {
            cut.writeLock().unlock();
        }
    }

    /**
     * Rewrites up to {@code bytes} of the file's sparsest chunks (those under {@code fillRate} percent live),
     * and commits, as a consistent cut: what H2's background housekeeping did while H2 committed on its own.
     */
    void compact(int fillRate, int bytes) {
        cut.writeLock().lock();
        try {
            mvStore.compact(fillRate, bytes);
            super.commit();
        } finally {
            cut.writeLock().unlock();
        }
    }

    /** Whether the command only reads: a listed one, or an aggregation that writes no collection. */
    static boolean readsOnly(Document command) {
        if (command == null || command.isEmpty()) {
            return false;
        }
        String name = command.keySet().iterator().next();
        if (READS.contains(name)) {
            return true;
        }
        if (!name.equals("aggregate") || !(command.get("pipeline") instanceof List<?> pipeline)) {
            return false;
        }
        for (Object stage : pipeline) {
            if (!(stage instanceof Document document) || document.containsKey("$out") || document.containsKey("$merge")) {
                return false;
            }
        }
        return true;
    }

    /** Runs a request that may write, never beside a commit. */
    private <T> T whole(Supplier<T> request) {
        cut.readLock().lock();
        try {
            return request.get();
        } finally {
            cut.readLock().unlock();
        }
    }

    /**
     * Closes the file. After a fatal failure (H2 "panics": every later operation fails) the file is
     * released without the final commit: {@code MVStore.close()} on a panicked store spins forever
     * (H2 2.3.232), which would hang Beacon's shutdown.
     */
    @Override
    public void close() {
        if (mvStore.getPanicException() != null) {
            mvStore.closeImmediately();
        } else if (!mvStore.isClosed()) {
            super.close();
        }
    }

    private <T> T pinned(Supplier<T> request) {
        MVStore.TxCounter pin = mvStore.registerVersionUsage();
        try {
            return request.get();
        } finally {
            mvStore.deregisterVersionUsage(pin);
        }
    }

    /**
     * H2's database with each index map opened with {@link IndexKeyType} first, so that H2Database's own
     * {@code openMap(name)} finds it open. It reaches the store through {@link #getMvStore()}, which is set
     * before H2Backend's constructor opens the existing databases (and their indexes, from H2Database's
     * constructor).
     */
    private final class IndexKeyedDatabase extends H2Database {

        IndexKeyedDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                        List<IndexKey> keys, boolean sparse) {
            // H2Database names the map so (mapNameForIndex, private).
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<Object, Object>().keyType(INDEX_KEYS));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }
}

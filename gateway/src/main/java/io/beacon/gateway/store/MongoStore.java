package io.beacon.gateway.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB Beacon runs on: a real one named by a URI, or the embedded, MongoDB-wire-compatible
 * store persisted under the data directory.
 *
 * <p>Durability: on real MongoDB every write uses majority write concern, journaled, so a write is
 * durable when the driver returns. The embedded store keeps recent writes in memory and commits
 * its file periodically, so {@link #flush()} must run before a write is acknowledged to a client.
 * Concurrent flushes are coalesced: one file commit covers every write that finished before it began.
 */
public final class MongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);

    private final MongoClient client;
    private final MongoServer server;
    private final H2Backend backend;
    private final InetSocketAddress embeddedAddress;
    private final Object flushLock = new Object();
    private long flushRequests;
    private long flushedUpTo;

    /** How often the embedded store writes what is not yet on disk (H2's own delay, which it no longer keeps). */
    private static final long COMMIT_EVERY_MILLIS = 1_000;
    /** How often, and how much of, the file's sparsest chunks are rewritten (H2's housekeeping, likewise). */
    private static final long COMPACT_EVERY_MILLIS = 10_000;
    private static final int COMPACT_FILL_RATE = 90;
    private static final int COMPACT_BYTES = 8 << 20;

    private final ScheduledExecutorService committer;

    private MongoStore(MongoClient client, MongoServer server, H2Backend backend, InetSocketAddress embeddedAddress) {
        this.client = client;
        this.server = server;
        this.backend = backend;
        this.embeddedAddress = embeddedAddress;
        if (backend instanceof VersionPinningH2Backend pinning) {
            committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "embedded-store-commit");
                thread.setDaemon(true);
                return thread;
            });
            committer.scheduleWithFixedDelay(() -> background(() -> {
                if (pinning.getMvStore().hasUnsavedChanges()) {
                    flush();
                }
            }), COMMIT_EVERY_MILLIS, COMMIT_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            committer.scheduleWithFixedDelay(() -> background(() -> pinning.compact(COMPACT_FILL_RATE, COMPACT_BYTES)),
                    COMPACT_EVERY_MILLIS, COMPACT_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            committer = null;
        }
    }

    private void background(Runnable work) {
        try {
            if (embeddedFault() == null) {
                work.run();
            }
        } catch (RuntimeException e) {
            log.error("Embedded store: background commit or compaction failed", e);
        }
    }

    /** Connects to a real MongoDB with majority, journaled writes and majority reads from the primary. */
    public static MongoStore connect(String uri) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readConcern(ReadConcern.MAJORITY)
                .readPreference(ReadPreference.primary())
                .applicationName("beacon")
                .build();
        return new MongoStore(MongoClients.create(settings), null, null, null);
    }

    /**
     * Starts the embedded store on loopback, persisted in {@code dataDir/beacon.mv}. Port 0 picks a
     * free port.
     */
    public static MongoStore embedded(Path dataDir, int port) {
        return embedded(dataDir, port, 0);
    }

    /** As {@link #embedded(Path, int)}, with H2's page cache of {@code pageCacheMegabytes} (0: the default). */
    public static MongoStore embedded(Path dataDir, int port, int pageCacheMegabytes) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        Path file = dataDir.resolve("beacon.mv");
        MVStore mvStore = new MVStore.Builder()
                // "retry:": a thread interrupted while H2 reads or writes the file (a stopping event processor,
                // the feed's tail in a flush) would otherwise close the file channel and end the store for good.
                .fileName("retry:" + file)
                .cacheSize(pageCacheMegabytes > 0 ? pageCacheMegabytes : defaultPageCacheMegabytes())
                // H2 writes and compacts the file on a background thread; a failure there would
                // otherwise only surface as "This store is closed" on the next request.
                .backgroundExceptionHandler((thread, failure) ->
                        log.error("Embedded store: background write/compaction failed on {}", thread.getName(), failure))
                // No commit on H2's own schedule: each would be cut across requests (VersionPinningH2Backend.commit).
                .autoCommitDisabled()
                .open();
        H2Backend backend = new VersionPinningH2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded store on mongodb://127.0.0.1:{}, persisted in {}", address.getPort(), file.toAbsolutePath());
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .applyToConnectionPoolSettings(pool -> pool.maxSize(64).maxWaitTime(30, TimeUnit.SECONDS))
                .applicationName("beacon")
                .build();
        return new MongoStore(MongoClients.create(settings), server, backend, address);
    }

    /**
     * H2's page cache: a sixteenth of the heap, 16 to 256 MB. Its default, 16 MB, held too little of the
     * read models and event indexes under a write load: pages were read back from the file and
     * deserialized again (a tenth of the CPU). The size is H2's estimate, which for the store's
     * documents (Java-serialized objects, estimated at their average serialized size) can be well below
     * what large documents really take: {@code beacon.embedded-store.page-cache-mb} sets it.
     */
    private static int defaultPageCacheMegabytes() {
        long heapMegabytes = Runtime.getRuntime().maxMemory() >> 20;
        return (int) Math.max(16, Math.min(256, heapMegabytes / 16));
    }

    /** H2's own estimate of its page cache's size, MB; 0 on a real MongoDB. */
    public long pageCacheMegabytes() {
        return backend == null ? 0 : backend.getMvStore().getCacheSizeUsed();
    }

    public MongoClient client() {
        return client;
    }

    public boolean isEmbedded() {
        return server != null;
    }

    /** The loopback address of the embedded store, or null on real MongoDB. */
    public InetSocketAddress embeddedAddress() {
        return embeddedAddress;
    }

    /**
     * Why the embedded store can no longer serve requests (H2 closes its file after a failure it
     * cannot recover from, e.g. running out of memory while writing), or null while it is healthy
     * and on real MongoDB.
     */
    public String embeddedFault() {
        if (backend == null) {
            return null;
        }
        MVStore mvStore = backend.getMvStore();
        MVStoreException panic = mvStore.getPanicException();
        if (panic != null) {
            return "the embedded store failed: " + panic.getMessage();
        }
        return mvStore.isClosed() ? "the embedded store is closed" : null;
    }

    /** The embedded store's backend, for tests that need to reach H2 itself. */
    H2Backend embeddedBackendForTests() {
        return backend;
    }

    /**
     * Makes every write completed so far survive a crash of this process. A no-op on real MongoDB,
     * whose write concern already waited for that.
     */
    public void flush() {
        if (backend == null) {
            return;
        }
        long ticket;
        synchronized (this) {
            ticket = ++flushRequests;
        }
        synchronized (flushLock) {
            if (flushedUpTo >= ticket) {
                return;
            }
            long upTo;
            synchronized (this) {
                upTo = flushRequests;
            }
            backend.commit();
            flushedUpTo = upTo;
        }
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.shutdownNow();
        }
        client.close();
        if (server != null) {
            server.shutdownNow();
        }
        if (backend != null) {
            backend.close();
        }
    }
}

package io.beacon.bench.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyId;
import io.beacon.gateway.store.events.BeaconEventStorageEngine;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Beacon's event store ({@link BeaconEventStorageEngine}) against the raw store it runs on, in one JVM
 * on one embedded in-memory store (mongo-java-server, memory backend, reached over loopback through
 * a normal driver client, as Beacon reaches its embedded store). Two ratios, each against a baseline
 * measured in the same run, before and after the measured phase (the mean is used):
 * <ul>
 *   <li>append: engine {@code appendEvents} of one event per call from N writer threads, until
 *       {@code --events} are stored, against N threads doing raw {@code insertOne} of documents of the
 *       same shape (a commit document holding one event) into another collection with the same unique
 *       indexes, for a fixed duration;</li>
 *   <li>replay: a fresh {@link TrackingEventProcessor} on an {@link EmbeddedEventStore} over the engine,
 *       with an annotated handler that gets every payload and counts it, from start until every event
 *       is handled, against a plain {@code find()} over the same documents decoded to
 *       {@link Document}.</li>
 * </ul>
 * Everything before the measured phases (warm-up) uses collections that are dropped afterwards.
 * Options are {@code --name=value} arguments; see {@link Options}. The script bench/event-store.sh
 * builds and runs this.
 */
public final class EventStoreBench {

    private static final String DATABASE = "bench";

    private final Options o;
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final CompanyEvents companies;
    private final RawDocuments rawDocuments;
    private MongoClient client;
    private MongoDatabase database;

    private EventStoreBench(Options o) {
        this.o = o;
        this.companies = new CompanyEvents(o.seed, 4096);
        this.rawDocuments = new RawDocuments(companies, serializer, o.updateShare);
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        EventStoreBench bench = new EventStoreBench(o);
        int status = 0;
        try {
            // As Beacon connects to its embedded store (MongoStore.embedded).
            MongoClientSettings.Builder settings = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                    .applyToConnectionPoolSettings(pool -> pool.maxSize(64).maxWaitTime(30, TimeUnit.SECONDS))
                    .applicationName("beacon-event-store-bench");
            if (o.countCommands) {
                settings.addCommandListener(Commands.INSTANCE);
            }
            bench.client = MongoClients.create(settings.build());
            bench.database = bench.client.getDatabase(DATABASE);
            bench.run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            if (bench.client != null) {
                bench.client.close();
            }
            server.shutdownNow();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        info("store: mongo-java-server memory backend on %s, driver pool 64; JVM max heap %d MB, %d cores",
                database.getName(), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        info("engine: scanChunk=%d lookupWindow=%d readAhead=%d; events=%d writers=%d "
                        + "update_share=%.2f batch_size=%d token_store=%s read_batch=%d", o.scanChunk, o.lookupWindow,
                o.readAhead, o.events, o.writers,
                o.updateShare, o.batchSize, o.tokenStore, o.readBatch);
        info("event sizes (BSON bytes of one commit document): created ~%d, updated ~%d",
                rawDocuments.sampleSize(false), rawDocuments.sampleSize(true));

        // -- warm-up: JIT for every path measured below, on collections dropped afterwards.
        if (o.warmupEvents > 0) {
            BeaconEventStorageEngine warm = engine("warmup");
            AppendResult appended = append(warm, o.warmupEvents, "warm-up engine appends");
            info("warm-up: %d engine appends in %.1f s (%.0f events/s)", o.warmupEvents, appended.seconds,
                    o.warmupEvents / appended.seconds);
            double read = rawRead(database.getCollection("warmup")).perSecond();
            ReplayResult replay = replay(warm, "warmup-replay", appended.total(), null);
            info("warm-up: raw read %.0f events/s, replay %.0f events/s", read, replay.perSecond());
            dropEngineCollections("warmup");
        }
        if (o.warmupSeconds > 0) {
            RawInsertResult raw = rawInserts(o.warmupSeconds);
            info("warm-up: raw inserts %.0f inserts/s for %.1f s", raw.perSecond(), raw.seconds);
        }

        // -- A: appends.
        RawInsertResult rawBefore = measuredRawInserts("raw inserts (before)");
        BeaconEventStorageEngine engine = engine("events");
        AppendResult appended = append(engine, o.events, "engine appends");
        RawInsertResult rawAfter = measuredRawInserts("raw inserts (after)");
        long head = ((GlobalSequenceTrackingToken) engine.createHeadToken()).getGlobalIndex();
        long documents = database.getCollection("events").countDocuments();
        if (head != o.events || documents != o.events) {
            info("NOTE: %d positions taken and %d documents stored for %d events (retries or tombstones)",
                    head, documents, o.events);
        }
        long sampled = 0;
        long bytes = 0;
        for (RawBsonDocument document : database.getCollection("events", RawBsonDocument.class).find().limit(1000)) {
            bytes += document.getByteBuffer().remaining();
            sampled++;
        }
        info("engine commit documents: %.0f BSON bytes on average (first %d)", (double) bytes / sampled, sampled);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        info("heap used after appends (after GC): %d MB", (rt.totalMemory() - rt.freeMemory()) >> 20);

        // -- B: replay.
        System.gc();
        Phase readBeforePhase = Phase.start("raw read (before)");
        ReadResult readBefore = rawRead(database.getCollection("events"));
        readBeforePhase.end(readBefore.events);
        System.gc();
        Phase replayPhase = Phase.start("replay");
        ReplayResult replay = replay(engine, "replay", appended.total(), replayPhase);
        System.gc();
        Phase readAfterPhase = Phase.start("raw read (after)");
        ReadResult readAfter = rawRead(database.getCollection("events"));
        readAfterPhase.end(readAfter.events);
        info("replay handled per payload: %s (appended: CompanyCreated=%d, CompanyUpdated=%d)",
                replay.perPayload, appended.created, appended.updated);
        if (replay.perPayload.getOrDefault("CompanyCreated", 0L) != appended.created
                || replay.perPayload.getOrDefault("CompanyUpdated", 0L) != appended.updated) {
            throw new IllegalStateException("the replay did not deliver exactly the appended events");
        }

        // -- optional: the same replay with other scan chunk sizes (tuning; not part of the ratios).
        for (int chunk : o.extraScanChunks) {
            System.gc();
            Phase extraPhase = Phase.start("replay scanChunk=" + chunk);
            ReplayResult extra = replay(engine("events", chunk, o.readAhead), "replay-chunk-" + chunk, appended.total(), extraPhase);
            info("replay with scanChunk=%d: %.0f events/s, %.1f s (%.2f of the raw read)", chunk, extra.perSecond(),
                    extra.seconds, extra.perSecond() / ((readBefore.perSecond() + readAfter.perSecond()) / 2));
        }

        // -- optional: the same replay with other read-ahead batches (tuning; not part of the ratios).
        for (int readAhead : o.extraReadAheads) {
            System.gc();
            Phase extraPhase = Phase.start("replay readAhead=" + readAhead);
            ReplayResult extra = replay(engine("events", o.scanChunk, readAhead), "replay-ahead-" + readAhead,
                    appended.total(), extraPhase);
            info("replay with readAhead=%d: %.0f events/s, %.1f s (%.2f of the raw read)", readAhead, extra.perSecond(),
                    extra.seconds, extra.perSecond() / ((readBefore.perSecond() + readAfter.perSecond()) / 2));
        }

        // -- results.
        double engineRate = o.events / appended.seconds;
        double rawRate = (rawBefore.perSecond() + rawAfter.perSecond()) / 2;
        double appendRatio = engineRate / rawRate;
        double replayRate = replay.perSecond();
        double readRate = (readBefore.perSecond() + readAfter.perSecond()) / 2;
        double replayRatio = replayRate / readRate;
        System.out.println();
        result("append_ratio=%.2f (engine %.0f events/s, raw %.0f inserts/s [before %.0f, after %.0f], %d writers, "
                        + "%d events in %.1f s)", appendRatio, engineRate, rawRate, rawBefore.perSecond(),
                rawAfter.perSecond(), o.writers, o.events, appended.seconds);
        result("replay_ratio=%.2f (replay %.0f events/s, raw read %.0f events/s [before %.0f, after %.0f], "
                        + "processor batch %d, %s token store, find batchSize %d)", replayRatio, replayRate, readRate,
                readBefore.perSecond(), readAfter.perSecond(), o.batchSize, o.tokenStore, o.readBatch);
        result("replay_seconds=%.1f (%d events; raw read %.1f s before, %.1f s after)", replay.seconds, replay.events,
                readBefore.seconds, readAfter.seconds);
        result("goals: append_ratio>=0.7 %s, replay_ratio>=0.5 %s, replay of 1000000 events < 60 s %s",
                appendRatio >= 0.7 ? "met" : "MISSED", replayRatio >= 0.5 ? "met" : "MISSED",
                o.events < 1_000_000 ? "n/a (events=" + o.events + ")"
                        : replay.seconds * 1_000_000 / replay.events < 60 ? "met" : "MISSED");
    }

    // ---------------------------------------------------------------- engine appends

    private BeaconEventStorageEngine engine(String collection) {
        return engine(collection, o.scanChunk, o.readAhead);
    }

    private BeaconEventStorageEngine engine(String collection, int scanChunk, int readAhead) {
        BeaconEventStorageEngine engine = BeaconEventStorageEngine.builder()
                .database(database)
                .collection(collection)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .scanChunk(scanChunk)
                .readAhead(readAhead)
                .lookupWindow(o.lookupWindow)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    private void dropEngineCollections(String collection) {
        for (String name : List.of(collection, collection + "_snapshots", collection + "_positions")) {
            dropIfExists(name);
        }
    }

    /** Dropping a collection that does not exist makes the embedded store log an error. */
    private void dropIfExists(String name) {
        if (database.listCollectionNames().into(new ArrayList<>()).contains(name)) {
            database.getCollection(name).drop();
        }
    }

    record AppendResult(double seconds, long created, long updated) {
        long total() {
            return created + updated;
        }
    }

    /**
     * {@code writers} threads append one event per call until {@code total} are stored: a new company's
     * CompanyCreated, or (share {@code updateShare}) CompanyUpdated at sequence 1 of a company the same
     * writer created before. Each writer builds its events before the clock starts, as the raw inserts
     * serialize their payloads beforehand: what is timed is the engine (serialization, positions, writes).
     */
    private AppendResult append(BeaconEventStorageEngine engine, long total, String phaseName) throws InterruptedException {
        AtomicLong numbers = new AtomicLong();
        LongAdder created = new LongAdder();
        LongAdder updated = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch built = new CountDownLatch(o.writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < o.writers; w++) {
            long share = total / o.writers + (w < total % o.writers ? 1 : 0);
            Thread thread = new Thread(() -> {
                long[] cpuBefore = {0};
                try {
                    List<DomainEventMessage<?>> events = new ArrayList<>((int) share);
                    ArrayList<CompanyId> toUpdate = new ArrayList<>();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long createdHere = 0;
                    for (long i = 0; i < share; i++) {
                        long number = numbers.incrementAndGet();
                        if (!toUpdate.isEmpty() && random.nextDouble() < o.updateShare) {
                            events.add(companies.updated(toUpdate.remove(toUpdate.size() - 1), number));
                        } else {
                            CompanyId id = CompanyEvents.newCompanyId();
                            events.add(companies.created(id, number));
                            toUpdate.add(id);
                            createdHere++;
                        }
                    }
                    built.countDown();
                    start.await();
                    cpuBefore[0] = Phase.threadCpuNow();
                    for (DomainEventMessage<?> event : events) {
                        if (failure.get() != null) {
                            break;
                        }
                        engine.appendEvents(event);
                    }
                    created.add(createdHere);
                    updated.add(share - createdHere);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    built.countDown();
                } finally {
                    Phase.threadEnds(cpuBefore[0]);
                }
            }, "bench-writer-" + w);
            threads.add(thread);
            thread.start();
        }
        built.await();
        System.gc();
        Phase phase = Phase.start(phaseName);
        long begin = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        phase.end(total);
        if (failure.get() != null) {
            throw new IllegalStateException("an append failed", failure.get());
        }
        return new AppendResult(seconds, created.sum(), updated.sum());
    }

    // ---------------------------------------------------------------- raw inserts

    record RawInsertResult(long inserts, double seconds) {
        double perSecond() {
            return inserts / seconds;
        }
    }

    private RawInsertResult measuredRawInserts(String name) throws InterruptedException {
        System.gc();
        Phase phase = Phase.start(name);
        RawInsertResult result = rawInserts(o.rawSeconds);
        phase.end(result.inserts);
        return result;
    }

    /** {@code writers} threads insert one commit-shaped document per call for {@code seconds}, into a fresh collection. */
    private RawInsertResult rawInserts(double seconds) throws InterruptedException {
        dropIfExists("raw_inserts");
        MongoCollection<Document> raw = database.getCollection("raw_inserts");
        // The indexes the engine gives its events collection (see BeaconEventStorageEngine.ensureIndexes).
        raw.createIndex(Indexes.ascending("pos"), new IndexOptions().unique(true).name("raw_positions"));
        raw.createIndex(Indexes.ascending("keys"), new IndexOptions().unique(true).sparse(true).name("raw_keys"));
        AtomicLong ids = new AtomicLong();
        LongAdder inserted = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (int w = 0; w < o.writers; w++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    while (failure.get() == null && System.nanoTime() < deadline[0]) {
                        raw.insertOne(rawDocuments.next(ids.incrementAndGet()));
                        inserted.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    Phase.threadEnds();
                }
            }, "bench-raw-writer-" + w);
            threads.add(thread);
            thread.start();
        }
        long begin = System.nanoTime();
        deadline[0] = begin + (long) (seconds * 1e9);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a raw insert failed", failure.get());
        }
        raw.drop();
        return new RawInsertResult(inserted.sum(), elapsed);
    }

    // ---------------------------------------------------------------- raw read

    record ReadResult(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    /**
     * Every document of the collection, in the store's natural order, decoded to Document; counts their
     * events. The batch size is set because mongo-java-server answers a find without one with every
     * document in one reply, which the driver refuses above 48 MB (~45,000 events).
     */
    private ReadResult rawRead(MongoCollection<Document> events) {
        long begin = System.nanoTime();
        long count = 0;
        for (Document document : events.find().batchSize(o.readBatch)) {
            List<?> inCommit = document.getList("ev", Object.class);
            count += inCommit == null ? 0 : inCommit.size();
        }
        return new ReadResult(count, (System.nanoTime() - begin) / 1e9);
    }

    // ---------------------------------------------------------------- replay

    record ReplayResult(long events, double seconds, Map<String, Long> perPayload) {
        double perSecond() {
            return events / seconds;
        }
    }

    /** The trivial projection: gets every payload and counts it by payload class. */
    public static final class CountingProjection {
        private final long expected;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicLong handled = new AtomicLong();
        private final Map<String, Long> perPayload = new TreeMap<>();
        private volatile long doneAt;
        private long checksum;

        CountingProjection(long expected) {
            this.expected = expected;
        }

        @EventHandler
        public void on(CompanyCreated event) {
            checksum += event.number();
            count(event);
        }

        @EventHandler
        public void on(CompanyUpdated event) {
            checksum += event.changes().size();
            count(event);
        }

        private void count(Object payload) {
            perPayload.merge(payload.getClass().getSimpleName(), 1L, Long::sum);
            if (handled.incrementAndGet() == expected) {
                doneAt = System.nanoTime();
                done.countDown();
            }
        }

        synchronized Map<String, Long> perPayload() {
            return new LinkedHashMap<>(perPayload);
        }
    }

    /** Replays {@code expected} events into a fresh processor; ends {@code phase} (if any) before shutting it down. */
    private ReplayResult replay(BeaconEventStorageEngine engine, String name, long expected, Phase phase)
            throws InterruptedException {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        CountingProjection projection = new CountingProjection(expected);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection).build())
                .messageSource(eventStore)
                .tokenStore(tokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(o.batchSize))
                .build();
        long begin = System.nanoTime();
        processor.start();
        try {
            long last = -1;
            long lastMoved = System.nanoTime();
            while (!projection.done.await(200, TimeUnit.MILLISECONDS)) {
                long now = projection.handled.get();
                if (now != last) {
                    last = now;
                    lastMoved = System.nanoTime();
                } else if (System.nanoTime() - lastMoved > TimeUnit.SECONDS.toNanos(o.stallSeconds)) {
                    throw new IllegalStateException("replay " + name + " stalled at " + now + " of " + expected
                            + " events for " + o.stallSeconds + " s; processor status " + processor.processingStatus());
                }
            }
            if (phase != null) {
                phase.end(projection.handled.get());
            }
        } finally {
            processor.shutDown();
            eventStore.shutDown();
        }
        double seconds = (projection.doneAt - begin) / 1e9;
        return new ReplayResult(projection.handled.get(), seconds, projection.perPayload());
    }

    private TokenStore tokenStore() {
        if ("mongo".equals(o.tokenStore)) {
            return MongoTokenStore.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, DATABASE).build())
                    .serializer(serializer)
                    .build();
        }
        return new InMemoryTokenStore();
    }

    // ---------------------------------------------------------------- reporting

    private static void info(String format, Object... args) {
        System.out.println("# " + String.format(Locale.ROOT, format, args));
    }

    private static void result(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /**
     * A measured phase: wall time, GC time, process CPU and CPU per thread group (thread names with
     * their numbers removed), printed when it ends, so each figure says where its time went.
     */
    static final class Phase {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final String name;
        private final long begin = System.nanoTime();
        private final long gcBegin = gcMillis();
        private final long cpuBegin = processCpuNanos();
        private final Map<Long, Long> threadCpuBegin = threadCpu();
        private final String startedAt = Instant.now().toString();
        private final Map<String, Long> commandsBegin = Commands.INSTANCE.snapshot();
        private final double machineBegin = machineBusySeconds();
        /** CPU seconds of threads that ended since the last phase began, by group: dead threads have no CPU time. */
        private static final Map<String, Double> ENDED = new java.util.concurrent.ConcurrentHashMap<>();

        private Phase(String name) {
            this.name = name;
        }

        static Phase start(String name) {
            ENDED.clear();
            return new Phase(name);
        }

        /** Called by a bench thread as it ends, so that its CPU time is counted. */
        static void threadEnds() {
            threadEnds(0);
        }

        /** As {@link #threadEnds()}, counting only the CPU time after {@code cpuNanosBefore} (the thread's own). */
        static void threadEnds(long cpuNanosBefore) {
            ENDED.merge(group(Thread.currentThread().getName()),
                    (THREADS.getCurrentThreadCpuTime() - cpuNanosBefore) / 1e9, Double::sum);
        }

        static long threadCpuNow() {
            return THREADS.getCurrentThreadCpuTime();
        }

        private static String group(String threadName) {
            return threadName.replaceAll("[-#]?\\d+", "").replaceAll("[-_]+$", "");
        }

        void end(long events) {
            double seconds = (System.nanoTime() - begin) / 1e9;
            double cpu = (processCpuNanos() - cpuBegin) / 1e9;
            Map<String, Double> byGroup = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null) {
                    names.put(t.getThreadId(), t.getThreadName());
                }
            }
            threadCpu().forEach((id, nanos) -> byGroup.merge(group(names.getOrDefault(id, "?")),
                    (nanos - threadCpuBegin.getOrDefault(id, 0L)) / 1e9, Double::sum));
            ENDED.forEach((group, cpuSeconds) -> byGroup.merge(group, cpuSeconds, Double::sum));
            double attributed = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
            byGroup.put("(not in Java threads: GC, JIT, VM)", Math.max(0, cpu - attributed));
            StringBuilder groups = new StringBuilder();
            byGroup.entrySet().stream().filter(e -> e.getValue() >= 0.02 * cpu && e.getValue() >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> groups.append(String.format(Locale.ROOT, " %s=%.1f", e.getKey(), e.getValue())));
            double others = machineBegin < 0 ? Double.NaN : (machineBusySeconds() - machineBegin - cpu) / seconds;
            info("phase %s: %d in %.1f s (%.0f/s); process CPU %.1f s (%.2f cores), GC %.1f s, other processes "
                            + "%.2f cores; thread CPU s:%s [%s .. %s]", name, events, seconds, events / seconds, cpu,
                    cpu / seconds, (gcMillis() - gcBegin) / 1e3, Math.max(0, others), groups, startedAt, Instant.now());
            Map<String, Long> commands = Commands.difference(commandsBegin, Commands.INSTANCE.snapshot());
            if (!commands.isEmpty()) {
                info("phase %s: commands %s", name, commands);
            }
        }

        /** CPU seconds the whole machine spent busy (Linux /proc/stat), or -1: shows other processes' load. */
        private static double machineBusySeconds() {
            try {
                String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < cpu.length && i <= 7; i++) { // user nice system idle iowait irq softirq
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += Long.parseLong(cpu[i]);
                    }
                }
                return busy / 100.0; // USER_HZ
            } catch (Exception e) {
                return -1;
            }
        }

        private static long gcMillis() {
            long total = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                total += Math.max(0, gc.getCollectionTime());
            }
            return total;
        }

        private static long processCpuNanos() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return 0;
        }

        private static Map<Long, Long> threadCpu() {
            Map<Long, Long> cpu = new HashMap<>();
            for (long id : THREADS.getAllThreadIds()) {
                long nanos = THREADS.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
            return cpu;
        }
    }

    // ---------------------------------------------------------------- options

    static final class Options {
        long events = 1_000_000;
        int writers = 8;
        long warmupEvents = 200_000;
        double warmupSeconds = 20;
        double rawSeconds = 15;
        int batchSize = 1000;
        int scanChunk = 8192;
        int lookupWindow = 64;
        String tokenStore = "mongo";
        int readBatch = 4096;
        boolean countCommands;
        List<Integer> extraScanChunks = List.of();
        List<Integer> extraReadAheads = List.of();
        int readAhead = 256;
        double updateShare = 0.2;
        long seed = 42;
        long stallSeconds = 120;

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                String name = arg.substring(2, arg.indexOf('='));
                String value = arg.substring(arg.indexOf('=') + 1).replace("_", "");
                switch (name) {
                    case "events" -> o.events = Long.parseLong(value);
                    case "writers" -> o.writers = Integer.parseInt(value);
                    case "warmup-events" -> o.warmupEvents = Long.parseLong(value);
                    case "warmup-s" -> o.warmupSeconds = Double.parseDouble(value);
                    case "raw-s" -> o.rawSeconds = Double.parseDouble(value);
                    case "batch-size" -> o.batchSize = Integer.parseInt(value);
                    case "scan-chunk" -> o.scanChunk = Integer.parseInt(value);
                    case "lookup-window" -> o.lookupWindow = Integer.parseInt(value);
                    case "token-store" -> o.tokenStore = value;
                    case "read-batch" -> o.readBatch = Integer.parseInt(value);
                    case "count-commands" -> o.countCommands = Boolean.parseBoolean(value);
                    case "extra-scan-chunks" -> o.extraScanChunks = value.isBlank() ? List.of()
                            : java.util.Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
                    case "read-ahead" -> o.readAhead = Integer.parseInt(value);
                    case "extra-read-aheads" -> o.extraReadAheads = value.isBlank() ? List.of()
                            : java.util.Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
                    case "update-share" -> o.updateShare = Double.parseDouble(value);
                    case "seed" -> o.seed = Long.parseLong(value);
                    case "stall-s" -> o.stallSeconds = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (!o.tokenStore.equals("mongo") && !o.tokenStore.equals("memory")) {
                throw new IllegalArgumentException("--token-store is mongo or memory");
            }
            if (o.events < 1 || o.writers < 1) {
                throw new IllegalArgumentException("--events and --writers must be positive");
            }
            return o;
        }
    }
}

package io.beacon.bench.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.gateway.store.MongoStore;
import io.beacon.gateway.store.events.BenchStoreAccess;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a long event history ({@link ReplayHistory}) into a fresh Beacon data directory, fast, in exactly the
 * form Beacon stores it: Beacon's application is started in this process on the directory ({@link OfflineBeacon}),
 * its event processors are stopped (their tokens stay at the start, so the next Beacon started on the directory
 * projects everything, as after an import), and each event is encoded by the engine's own code with the engine's
 * own event serializer (so contacts' personal values are encrypted under keys the serializer creates in
 * {@code contact_keys}, as on a live write) into a commit document of its own (one command, one commit), inserted
 * in batches in position order; the position counter is moved after each batch, so a reader never sees a gap.
 * Then: the company and contact counters ({@code counters}: the next create gets the next number), and the
 * snapshots Beacon's trigger would have taken (every {@value ReplayHistory#SNAPSHOT_EVERY} events of a company),
 * stored through the engine. What was made is written to {@code <data-dir>/bench-replay-data.properties}.
 *
 * <pre>--data-dir=DIR --events=N [--seed=42] [--span-days=30] [--batch=1000] [--encoders=2] [--hot=200]</pre>
 */
public final class ReplayData {

    static final String MARKER = "bench-replay-data.properties";

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        Path dataDir = Path.of(Args.required(a, "data-dir"));
        long events = Long.parseLong(Args.required(a, "events"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        int spanDays = Integer.parseInt(a.getOrDefault("span-days", "30"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "1000"));
        int encoders = Integer.parseInt(a.getOrDefault("encoders", "2"));
        int hot = Integer.parseInt(a.getOrDefault("hot", String.valueOf(ReplayHistory.HOT_COMPANIES)));
        if (Files.exists(dataDir.resolve(MARKER))) {
            throw new IllegalStateException(dataDir + " holds generated data already (" + MARKER + ")");
        }
        Files.createDirectories(dataDir);

        long t0 = System.nanoTime();
        ConfigurableApplicationContext context = OfflineBeacon.start(dataDir, List.of());
        int exit = 1;
        try {
            List<String> stopped = OfflineBeacon.stopReaders(context);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "# Beacon started offline in %.1f s; stopped: %s%n",
                    startSeconds, stopped);
            EventStorageEngine engine = context.getBean(EventStorageEngine.class);
            BenchStoreAccess access = new BenchStoreAccess(engine);
            MongoStore store = OfflineBeacon.store(context);
            MongoDatabase database = store.client().getDatabase(OfflineBeacon.database(context));
            MongoCollection<Document> eventsCollection = access.events();
            long base = access.lastTaken();
            long stored = eventsCollection.countDocuments();
            if (base != 0 || stored != 0) {
                throw new IllegalStateException("the event store in " + dataDir + " is not empty (" + stored
                        + " commits, last position " + base + "): generate into a fresh directory");
            }

            ReplayHistory history = new ReplayHistory(seed, events, Instant.now().minus(Duration.ofMinutes(5)),
                    Duration.ofDays(spanDays), hot);
            Writer writer = new Writer(access, eventsCollection, encoders, events);
            long g0 = System.nanoTime();
            writer.start();
            List<Positioned> pending = new ArrayList<>(batch);
            AtomicLong position = new AtomicLong(base);
            history.generate(event -> {
                pending.add(new Positioned(position.incrementAndGet(), event));
                if (pending.size() == batch) {
                    writer.submit(List.copyOf(pending));
                    pending.clear();
                }
            });
            if (!pending.isEmpty()) {
                writer.submit(List.copyOf(pending));
            }
            writer.finish();
            double writeSeconds = (System.nanoTime() - g0) / 1e9;
            long last = access.lastTaken();
            long commits = eventsCollection.countDocuments();
            if (last != base + events || commits != events) {
                throw new IllegalStateException("after writing: position counter " + last + ", " + commits
                        + " commits; expected " + (base + events) + " of each (did something else append?)");
            }

            // The number counters, as NumberSequences would have left them.
            MongoCollection<Document> counters = database.getCollection("counters");
            counters.updateOne(Filters.eq("_id", "company"), Updates.set("seq", history.companyNumber()),
                    new UpdateOptions().upsert(true));
            counters.updateOne(Filters.eq("_id", "contact"), Updates.set("seq", history.contactNumber()),
                    new UpdateOptions().upsert(true));

            long s0 = System.nanoTime();
            for (ReplayHistory.SnapshotPoint point : history.snapshots()) {
                engine.storeSnapshot(new GenericDomainEventMessage<>("Company", point.companyId(), point.sequence(),
                        company(point.companyId(), point.fields(), point.version()), Map.of(), uuid(point), point.at()));
            }
            double snapshotSeconds = (System.nanoTime() - s0) / 1e9;
            long keys = database.getCollection("contact_keys").countDocuments();
            store.flush();

            List<String> lines = new ArrayList<>();
            lines.add("events=" + events);
            lines.add("seed=" + seed);
            lines.add("span_days=" + spanDays);
            lines.add("hot_companies=" + hot);
            lines.add("last_position=" + last);
            lines.addAll(history.describe());
            lines.add("contact_keys=" + keys);
            lines.add("counter.company=" + history.companyNumber());
            lines.add("counter.contact=" + history.contactNumber());
            lines.add(String.format(Locale.ROOT, "write_seconds=%.1f", writeSeconds));
            lines.add(String.format(Locale.ROOT, "write_events_per_second=%.0f", events / writeSeconds));
            lines.add(String.format(Locale.ROOT, "snapshot_seconds=%.1f", snapshotSeconds));
            lines.add("generated_at=" + Instant.now());
            lines.forEach(line -> System.out.println("data: " + line));
            Files.write(dataDir.resolve(MARKER), lines);
            exit = 0;
        } finally {
            context.close();
        }
        System.out.printf(Locale.ROOT, "# done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.exit(exit);
    }

    private static String uuid(ReplayHistory.SnapshotPoint point) {
        return java.util.UUID.nameUUIDFromBytes((point.companyId() + ":" + point.sequence()).getBytes()).toString();
    }

    /** The Company aggregate as Beacon's snapshotter serializes it (its fields; the class is the command side's). */
    private static Object company(String id, CompanyFields fields, long version) {
        try {
            Class<?> type = Class.forName("io.beacon.company.Company");
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object company = constructor.newInstance();
            set(type, company, "companyId", CompanyId.of(id));
            set(type, company, "fields", fields);
            set(type, company, "version", version);
            set(type, company, "deleted", false);
            return company;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a Company snapshot: " + e, e);
        }
    }

    private static void set(Class<?> type, Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    record Positioned(long position, DomainEventMessage<?> event) {
    }

    /**
     * Encodes batches on {@code encoders} threads and inserts them in order on one writer thread, moving the
     * position counter after each insert. The queue bounds what is held in memory.
     */
    private static final class Writer {
        private final BenchStoreAccess access;
        private final MongoCollection<Document> events;
        private final ExecutorService encoders;
        private final BlockingQueue<Future<List<Document>>> queue = new ArrayBlockingQueue<>(16);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final long total;
        private final Thread thread;
        private volatile long written;
        private final AtomicLong encodeNanos = new AtomicLong();
        private long insertNanos;
        private long waitNanos;

        Writer(BenchStoreAccess access, MongoCollection<Document> events, int encoders, long total) {
            this.access = access;
            this.events = events;
            this.encoders = Executors.newFixedThreadPool(encoders, r -> {
                Thread t = new Thread(r, "replay-data-encoder");
                t.setDaemon(true);
                return t;
            });
            this.total = total;
            this.thread = new Thread(this::run, "replay-data-writer");
        }

        void start() {
            thread.start();
        }

        void submit(List<Positioned> batch) {
            rethrow();
            Future<List<Document>> encoded = encoders.submit(() -> {
                long e0 = System.nanoTime();
                List<Document> documents = new ArrayList<>(batch.size());
                for (Positioned p : batch) {
                    documents.add(access.commit(p.position(), p.event()));
                }
                encodeNanos.addAndGet(System.nanoTime() - e0);
                return documents;
            });
            try {
                queue.put(encoded);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void finish() throws InterruptedException {
            queue.put(java.util.concurrent.CompletableFuture.completedFuture(List.of()));
            thread.join();
            encoders.shutdown();
            rethrow();
        }

        private void rethrow() {
            Throwable t = failure.get();
            if (t != null) {
                throw new IllegalStateException("writing failed: " + t, t);
            }
        }

        private void run() {
            long started = System.nanoTime();
            long lastReport = started;
            try {
                while (true) {
                    long w0 = System.nanoTime();
                    List<Document> documents = queue.take().get();
                    if (documents.isEmpty()) {
                        return;
                    }
                    long i0 = System.nanoTime();
                    waitNanos += i0 - w0;
                    events.insertMany(documents, new InsertManyOptions().ordered(true));
                    access.take(documents.size());
                    insertNanos += System.nanoTime() - i0;
                    written += documents.size();
                    long now = System.nanoTime();
                    if (now - lastReport > 10_000_000_000L) {
                        lastReport = now;
                        double s = (now - started) / 1e9;
                        System.out.printf(Locale.ROOT, "# written %,d/%,d events in %.0f s (%.0f events/s; encoding"
                                        + " %.0f thread-s, inserting %.0f s, writer waiting %.0f s)%n",
                                written, total, s, written / s, encodeNanos.get() / 1e9, insertNanos / 1e9, waitNanos / 1e9);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
                queue.clear();
            }
        }
    }

    /** {@code --name=value} arguments. */
    static final class Args {
        static Map<String, String> parse(String[] args) {
            Map<String, String> given = new java.util.LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            return given;
        }

        static String required(Map<String, String> args, String name) {
            String value = args.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + "= is required");
            }
            return value;
        }
    }
}

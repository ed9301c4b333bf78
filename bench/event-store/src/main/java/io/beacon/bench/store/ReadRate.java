package io.beacon.bench.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.beacon.gateway.store.events.BenchStoreAccess;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * The replay bench's baseline: how fast the same events can merely be read, in the same kind of process as
 * {@code java -jar gateway.jar replay companies} (Beacon's whole application started on the data directory, its
 * live processors running and idle at the head). Two readings:
 * <ul>
 *   <li>{@code read_processor}: a tracking processor built as {@code ProjectionReplays} builds a replay's (single
 *   thread, batch {@code beacon.projections.replay-batch-size}, the application's event store, token store and
 *   transaction manager, from the first event), whose one handler takes every event and does nothing: reading,
 *   upcasting, deserializing (contacts' personal values decrypted) and the token updates, but no read-model
 *   writes. Timed from its start until it stands at the head taken before it started; events/s = positions
 *   passed per second, as the replay's progress counts them. The replay's ratio is taken against this.</li>
 *   <li>{@code read_raw}: the {@code events} collection read by {@code _id} in windows of {@code --raw-batch}
 *   positions (one {@code $in} query each, as Beacon's tracking reader reads far behind the head; a single
 *   {@code find()} over 1,000,000 commits runs the embedded store out of a 2 GB heap, as it holds a cursor's whole
 *   result), every commit decoded to a {@code Document}: the store's own floor.</li>
 * </ul>
 * The processor's token is deleted afterwards. {@code --data-dir=DIR [--label=before] [--raw-batch=2048]}
 */
public final class ReadRate {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = ReplayData.Args.parse(args);
        Path dataDir = Path.of(ReplayData.Args.required(a, "data-dir"));
        String label = a.getOrDefault("label", "read");
        int rawBatch = Integer.parseInt(a.getOrDefault("raw-batch", "2048"));
        long t0 = System.nanoTime();
        ConfigurableApplicationContext context = OfflineBeacon.start(dataDir, List.of());
        int exit = 1;
        try {
            System.out.printf(Locale.ROOT, "# %s: Beacon started offline in %.1f s%n", label, (System.nanoTime() - t0) / 1e9);
            int batch = Integer.parseInt(context.getEnvironment().getProperty("beacon.projections.replay-batch-size", "1000"));
            EventStore eventStore = context.getBean(EventStore.class);
            BenchStoreAccess access = new BenchStoreAccess(context.getBean(EventStorageEngine.class));
            TrackingToken headToken = eventStore.createHeadToken();
            long head = headToken == null ? 0 : headToken.position().orElse(0);

            System.gc();
            raw(label, access.events(), access.lastTaken(), rawBatch);
            System.gc();
            processor(label, context, eventStore, head, batch);
            exit = 0;
        } finally {
            context.close();
        }
        System.exit(exit);
    }

    private static void raw(String label, MongoCollection<Document> events, long lastTaken, int batch) {
        long commits = 0;
        long count = 0;
        long t0 = System.nanoTime();
        for (long from = 1; from <= lastTaken; from += batch) {
            List<Long> starts = LongStream.range(from, from + batch).boxed().toList();
            for (Document commit : events.find(Filters.in("_id", starts))) {
                commits++;
                Object ev = commit.get("ev");
                if (ev instanceof List<?> list) {
                    count += list.size();
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s read_raw events=%d commits=%d seconds=%.2f events_per_second=%.0f%n",
                label, count, commits, seconds, count / seconds);
    }

    private static void processor(String label, ConfigurableApplicationContext context, EventStore eventStore, long head,
                                  int batch) throws InterruptedException {
        TokenStore tokenStore = context.getBean(TokenStore.class);
        TransactionManager transactions = context.getBeanProvider(TransactionManager.class)
                .getIfAvailable(NoTransactionManager::instance);
        String name = "bench-read-rate";
        NoOp handler = new NoOp();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(List.of(handler))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(batch)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        // A token left by a run that was cut off would make this one start part way.
        for (int segment : tokenStore.fetchSegments(name)) {
            tokenStore.fetchToken(name, segment);
            tokenStore.deleteToken(name, segment);
        }
        long t0 = System.nanoTime();
        processor.start();
        long lastReport = t0;
        long position = 0;
        while (position < head) {
            Thread.sleep(50);
            OptionalLong current = processor.processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong)
                    .min();
            position = current.orElse(position);
            long now = System.nanoTime();
            if (now - lastReport > 10_000_000_000L) {
                lastReport = now;
                System.out.printf(Locale.ROOT, "# %s read_processor at %,d/%,d after %.0f s%n", label, position, head,
                        (now - t0) / 1e9);
            }
            if (now - t0 > 3_600_000_000_000L) {
                throw new IllegalStateException("the read did not reach the head in an hour");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        processor.shutDown();
        try {
            tokenStore.fetchToken(name, 0);
            tokenStore.deleteToken(name, 0);
        } catch (RuntimeException e) {
            System.err.println("WARN could not delete the token of " + name + ": " + e);
        }
        System.out.printf(Locale.ROOT, "%s read_processor events=%d handled=%d batch=%d seconds=%.2f events_per_second=%.0f%n",
                label, head, handler.handled.get(), batch, seconds, head / seconds);
    }

    /** Takes every event and does nothing with it. */
    public static final class NoOp {
        final AtomicLong handled = new AtomicLong();

        @EventHandler
        public void on(Object event) {
            handled.incrementAndGet();
        }
    }
}

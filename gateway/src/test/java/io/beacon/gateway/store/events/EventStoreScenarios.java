package io.beacon.gateway.store.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beacon.gateway.store.MongoStore;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every behaviour of {@link BeaconEventStorageEngine}, run on each store Beacon supports by the
 * subclasses. Each test works in a database of its own.
 *
 * <p>Nothing here asserts how long anything took: waits are for a condition, with a generous limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class EventStoreScenarios {

    static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static final String TYPE = "Thing";
    private static final String EVENTS = "events";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    public record Created(String name) {
    }

    public record Renamed(String name) {
    }

    public record Noted(String text) {
    }

    public record Snap(String state) {
    }

    /** The first form of an event, stored without a revision; read back as {@link Titled}. */
    public record Named(String name) {
    }

    @Revision("2")
    public record Titled(String title) {
    }

    private MongoStore store;
    private String databaseName;
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    protected abstract MongoStore openStore();

    /** A second client to the same store, as a second node of Beacon would have. */
    protected abstract MongoClient openSecondClient(MongoStore store);

    @BeforeAll
    void startStore() {
        store = openStore();
    }

    @AfterAll
    void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @BeforeEach
    void freshDatabase(TestInfo test) {
        String method = test.getTestMethod().map(Method::getName).orElse("test");
        String name = "es" + DATABASES.incrementAndGet() + "_" + method;
        databaseName = name.length() > 60 ? name.substring(0, 60) : name;
    }

    @AfterEach
    void cleanUp() throws Exception {
        Exception failure = null;
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        store.client().getDatabase(databaseName).drop();
        if (failure != null) {
            throw failure;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Appends, tracking streams, aggregate streams

    @Test
    void appendsGetDensePositionsAndATrackingStreamDeliversEveryEventOnceInPositionOrder() {
        BeaconEventStorageEngine engine = engine();
        List<EventMessage<?>> appended = new ArrayList<>();
        appended.addAll(append(engine, domain("a", 0, new Created("a")), domain("a", 1, new Renamed("a1")),
                domain("a", 2, new Renamed("a2"))));
        appended.addAll(append(engine, new GenericEventMessage<>(new Noted("plain"))));
        appended.addAll(append(engine, domain("b", 0, new Created("b")), domain("a", 3, new Renamed("a3"))));
        appended.addAll(append(engine, new GenericEventMessage<>(new Noted("second")), domain("b", 1, new Renamed("b1"))));

        List<TrackedEventMessage<?>> tracked = track(engine, engine.createTailToken());

        assertThat(ids(tracked)).containsExactlyElementsOf(ids(appended));
        assertThat(tracked).extracting(TrackedEventMessage::trackingToken)
                .containsExactlyElementsOf(tokens(1, appended.size()));
        assertThat(payloads(tracked)).containsExactlyElementsOf(payloads(appended));
        assertThat(tracked.get(0)).isInstanceOfSatisfying(DomainEventMessage.class, event -> {
            assertThat(event.getAggregateIdentifier()).isEqualTo("a");
            assertThat(event.getSequenceNumber()).isZero();
            assertThat(event.getType()).isEqualTo(TYPE);
        });
        // An event published outside any aggregate has a position and is tracked, but is no domain event.
        assertThat(tracked.get(3)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(tracked.get(3).getPayload()).isEqualTo(new Noted("plain"));
        assertThat(tracked.get(3).getTimestamp()).isEqualTo(appended.get(3).getTimestamp());
        assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(appended.size()));
    }

    @Test
    void anAggregateStreamReadsFromASequenceNumberAcrossCommits() {
        BeaconEventStorageEngine engine = engine();
        long sequence = 0;
        // 40 events in commits of 1 to 4, interleaved with another aggregate's and with plain events.
        for (int commit = 0; sequence < 40; commit++) {
            List<EventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i <= commit % 4 && sequence < 40; i++, sequence++) {
                events.add(domain("a", sequence, sequence == 0 ? new Created("a") : new Renamed("a" + sequence)));
            }
            events.add(domain("other", commit, new Renamed("o" + commit)));
            if (commit % 3 == 0) {
                events.add(new GenericEventMessage<>(new Noted("n" + commit)));
            }
            engine.appendEvents(events);
        }

        DomainEventStream fromSequence = engine.readEvents("a", 25);
        assertThat(fromSequence.asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .containsExactlyElementsOf(LongStream.range(25, 40).boxed().toList());
        assertThat(fromSequence.getLastSequenceNumber()).isEqualTo(39L);
        List<? extends DomainEventMessage<?>> all = engine.readEvents("a", 0).asStream().toList();
        assertThat(all).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactlyElementsOf(LongStream.range(0, 40).boxed().toList());
        assertThat(all).allSatisfy(event -> assertThat(event.getAggregateIdentifier()).isEqualTo("a"));
        assertThat(all.get(0).getPayload()).isEqualTo(new Created("a"));
        assertThat(all.get(17).getPayload()).isEqualTo(new Renamed("a17"));
        assertThat(engine.readEvents("a", 40).asStream()).isEmpty();
        assertThat(engine.lastSequenceNumberFor("a")).contains(39L);
        assertThat(engine.lastSequenceNumberFor("other")).isPresent();
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void aCommitWhoseSecondEventHasATakenSequenceNumberFailsWholeAndTheStreamPassesOverIt() {
        // A long gap timeout: passing over the failed commit must not depend on a reader giving up on it.
        BeaconEventStorageEngine engine = engine(b -> b.gapTimeout(Duration.ofSeconds(30)));
        List<EventMessage<?>> first = append(engine, domain("a", 0, new Created("a")), domain("a", 1, new Renamed("a1")));

        List<EventMessage<?>> failing = List.of(domain("b", 0, new Created("b")), domain("a", 1, new Renamed("clash")));
        assertThatThrownBy(() -> engine.appendEvents(failing)).isExactlyInstanceOf(ConcurrencyException.class);

        // The failed commit's positions are closed at once, by the writer.
        assertThat(tombstonePositions()).containsExactly(3L, 4L);
        assertThat(engine.readEvents("b", 0).asStream()).isEmpty();
        assertThat(engine.lastSequenceNumberFor("b")).isEmpty();
        assertThat(engine.readEvents("a", 0).asStream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly(new Created("a"), new Renamed("a1"));
        assertThat(ids(track(engine, engine.createTailToken()))).containsExactlyElementsOf(ids(first));

        List<EventMessage<?>> later = append(engine, domain("b", 0, new Created("b again")), domain("a", 2, new Renamed("a2")));

        List<TrackedEventMessage<?>> tracked = track(engine, engine.createTailToken());
        assertThat(ids(tracked)).containsExactlyElementsOf(concat(ids(first), ids(later)));
        assertThat(tracked).extracting(TrackedEventMessage::trackingToken).containsExactly(
                new GlobalSequenceTrackingToken(1), new GlobalSequenceTrackingToken(2),
                new GlobalSequenceTrackingToken(5), new GlobalSequenceTrackingToken(6));
        assertThat(payloads(tracked)).doesNotContain(new Renamed("clash"), new Created("b"));
        assertThat(engine.readEvents("b", 0).asStream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly(new Created("b again"));
    }

    @Test
    void concurrentCreationsOfOneAggregateLetExactlyOneWinAndTheOthersGetAggregateStreamCreationException()
            throws Exception {
        List<BeaconEventStorageEngine> engines = List.of(engine(), engine());
        List<Object> outcomes = raceAppends(engines, 8, thread -> domain("x", 0, new Created("t" + thread)));

        assertThat(outcomes).filteredOn(o -> o instanceof String).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof String)).hasSize(7)
                .allSatisfy(o -> assertThat(o).isExactlyInstanceOf(AggregateStreamCreationException.class));
        String winner = (String) outcomes.stream().filter(o -> o instanceof String).findFirst().orElseThrow();
        assertThat(engines.get(0).readEvents("x", 0).asStream().map(EventMessage::getIdentifier).toList())
                .containsExactly(winner);
        assertThat(ids(track(engines.get(1), null))).containsExactly(winner);
    }

    @Test
    void concurrentAppendsAtOneSequenceNumberLetExactlyOneWinAndTheOthersGetConcurrencyException() throws Exception {
        List<BeaconEventStorageEngine> engines = List.of(engine(), engine());
        List<EventMessage<?>> before = append(engines.get(0), domain("x", 0, new Created("x")), domain("x", 1, new Renamed("x1")));

        List<Object> outcomes = raceAppends(engines, 8, thread -> domain("x", 2, new Renamed("t" + thread)));

        assertThat(outcomes).filteredOn(o -> o instanceof String).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof String)).hasSize(7)
                .allSatisfy(o -> assertThat(o).isExactlyInstanceOf(ConcurrencyException.class));
        String winner = (String) outcomes.stream().filter(o -> o instanceof String).findFirst().orElseThrow();
        assertThat(engines.get(1).readEvents("x", 0).asStream().map(EventMessage::getIdentifier).toList())
                .containsExactlyElementsOf(concat(ids(before), List.of(winner)));
        assertThat(ids(track(engines.get(0), null))).containsExactlyElementsOf(concat(ids(before), List.of(winner)));
    }

    // ---------------------------------------------------------------------------------------------
    // Concurrent writers, slow writers, dead writers

    @Test
    void twoNodesAppendingConcurrentlyAreTrackedOnceEachInStrictlyIncreasingDensePositions() throws Exception {
        // Gaps stay open only as long as a writer's delay: far shorter than the gap timeout, so none is closed.
        BeaconEventStorageEngine node1 = engine(b -> b.gapTimeout(Duration.ofSeconds(10))
                .reservationListener(randomDelay(20, new AtomicInteger(), 0)));
        BeaconEventStorageEngine node2 = engine(secondNodeDatabase(), b -> b.gapTimeout(Duration.ofSeconds(10))
                .reservationListener(randomDelay(20, new AtomicInteger(), 0)));
        Recorder recorder = new Recorder();
        trackingProcessor("two-nodes", eventStore(node1), new InMemoryTokenStore(), recorder, 1).start();

        List<String> appended = appendConcurrently(List.of(node1, node2), 3, 30);
        String sentinel = appendSentinel(node1);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> recorder.hasSeen(sentinel));

        assertSeenExactlyOnceInStrictlyIncreasingPositions(recorder, appended, sentinel);
        assertThat(tombstones()).isEmpty();
        // No position was passed over, so the events' positions are exactly 1..n.
        assertThat(recorder.positions()).containsExactlyElementsOf(
                LongStream.rangeClosed(1, appended.size() + 1L).boxed().toList());
        assertEveryTakenPositionHasExactlyOneDocument();
    }

    @Test
    void commitsStalledPastTheGapTimeoutAreRetriedAndStillTrackedOnceEachInOrder() throws Exception {
        // Every sixth reservation stalls for 800 ms, well past the 200 ms gap timeout: a reader closes
        // its positions, the writer finds them taken and writes again at new ones.
        Duration gapTimeout = Duration.ofMillis(200);
        BeaconEventStorageEngine node1 = engine(b -> b.gapTimeout(gapTimeout)
                .reservationListener(randomDelay(20, new AtomicInteger(), 800)));
        BeaconEventStorageEngine node2 = engine(secondNodeDatabase(), b -> b.gapTimeout(gapTimeout)
                .reservationListener(randomDelay(20, new AtomicInteger(), 800)));
        Recorder recorder = new Recorder();
        trackingProcessor("stalls", eventStore(node1), new InMemoryTokenStore(), recorder, 1).start();

        List<String> appended = appendConcurrently(List.of(node1, node2), 3, 15);
        String sentinel = appendSentinel(node1);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> recorder.hasSeen(sentinel));

        assertSeenExactlyOnceInStrictlyIncreasingPositions(recorder, appended, sentinel);
        assertThat(tombstones()).isNotEmpty();
        assertEveryTakenPositionHasExactlyOneDocument();
        // A stream read later, far behind the head and in small chunks, gives the same events in the same order.
        BeaconEventStorageEngine reader = engine(b -> b.lookupWindow(4).scanChunk(8));
        List<TrackedEventMessage<?>> replayed = track(reader, reader.createTailToken());
        assertThat(ids(replayed)).containsExactlyElementsOf(recorder.ids());
        assertThat(positions(replayed)).containsExactlyElementsOf(recorder.positions());
    }

    @Test
    void positionsTakenByAWriterThatDiedArePassedOverAfterTheGapTimeoutAndNothingIsLost() {
        BeaconEventStorageEngine engine = engine(b -> b.gapTimeout(Duration.ofMillis(300)));
        Recorder recorder = new Recorder();
        trackingProcessor("dead-writer", eventStore(engine), new InMemoryTokenStore(), recorder, 1).start();

        List<EventMessage<?>> before = append(engine, domain("a", 0, new Created("a")), domain("a", 1, new Renamed("a1")));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> recorder.ids().size() == 2);
        // A writer takes positions 3..5, as the engine would, and dies before writing its commit.
        Document counter = database().getCollection(EVENTS + "_positions").findOneAndUpdate(eq("_id", EVENTS),
                Updates.inc("last", 3L));
        assertThat(counter).isNotNull();
        assertThat(((Number) counter.get("last")).longValue()).isEqualTo(2L);
        List<EventMessage<?>> after = new ArrayList<>();
        after.addAll(append(engine, domain("a", 2, new Renamed("a2"))));
        after.addAll(append(engine, new GenericEventMessage<>(new Noted("after"))));
        List<String> expected = concat(ids(before), ids(after));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> recorder.ids().size() >= 4);
        assertThat(recorder.ids()).containsExactlyElementsOf(expected);
        assertThat(recorder.positions()).startsWith(1L, 2L).doesNotContain(3L, 4L, 5L).isSorted().doesNotHaveDuplicates();
        assertThat(tombstonePositions()).contains(3L, 4L, 5L);
        assertEveryTakenPositionHasExactlyOneDocument();
        // The store works on after the dead writer: later appends are tracked too.
        List<EventMessage<?>> last = append(engine, domain("a", 3, new Renamed("a3")));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> recorder.ids().size() >= 5);
        assertThat(recorder.ids()).containsExactlyElementsOf(concat(expected, ids(last)));
        assertThat(ids(track(engine, null))).containsExactlyElementsOf(recorder.ids());
    }

    @Test
    void aStreamFarBehindPassesOverADeadWritersPositionsWhenALateCommitLandsRightAfterThem() throws Exception {
        DeadAndSlowWriters writers = deadWriterThenSlowWriter();
        List<String> expected = concat(concat(writers.before(), List.of(writers.late().getIdentifier())), writers.after());

        // A stream from the start, far behind the head, reads in windows of 8 positions; it has read up to 16
        // when it delivers position 9. Only then does the slow commit land, at 20: inside the run 10..20 that the
        // stream, waiting at 10, will try to close.
        // Read in the caller's thread only: the interleaving depends on how far the stream has read. (A stream
        // that reads ahead reaches the gap earlier: see the next scenario.)
        BeaconEventStorageEngine reader = engine(b -> b.lookupWindow(4).scanChunk(8).readAhead(0)
                .gapTimeout(Duration.ofMillis(300)));
        Iterator<? extends TrackedEventMessage<?>> events = streamFromTail(reader);
        List<TrackedEventMessage<?>> tracked = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            tracked.add(events.next());
        }
        writers.landLateCommit();
        daemonExecutor().submit(() -> events.forEachRemaining(tracked::add)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(ids(tracked)).containsExactlyElementsOf(expected);
        assertThat(positions(tracked)).containsExactlyElementsOf(
                LongStream.concat(LongStream.rangeClosed(1, 9), LongStream.rangeClosed(20, 60)).boxed().toList());
        assertThat(tombstonePositions()).containsExactlyElementsOf(LongStream.rangeClosed(10, 19).boxed().toList());
    }

    @Test
    void aStreamReadingAheadDeliversEveryEventOnceAcrossADeadWriterAndASlowOne() throws Exception {
        DeadAndSlowWriters writers = deadWriterThenSlowWriter();
        List<String> expected = concat(concat(writers.before(), writers.after()), List.of(writers.late().getIdentifier()));

        // Batches of 4 read and deserialized on another thread, which meets the dead writer's gap first.
        BeaconEventStorageEngine reader = engine(b -> b.lookupWindow(4).scanChunk(8).readAhead(4)
                .gapTimeout(Duration.ofMillis(300)));
        Iterator<? extends TrackedEventMessage<?>> events = streamFromTail(reader);
        List<TrackedEventMessage<?>> tracked = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            tracked.add(events.next());
        }
        writers.landLateCommit();
        await().atMost(PATIENCE).until(() -> {
            while (events.hasNext()) {
                tracked.add(events.next());
            }
            return tracked.size() >= expected.size();
        });

        assertThat(ids(tracked)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(positions(tracked)).isSorted().doesNotHaveDuplicates();
        assertThat(tracked).allSatisfy(event -> assertThat(event.getPayload()).isNotNull());
        assertThat(tombstonePositions()).containsAll(LongStream.rangeClosed(10, 19).boxed().toList());
    }

    /**
     * Positions 1..9 written; a writer takes 10..19 and dies; a slow writer takes 20 and is held before
     * writing it; 40 more commits land at 21..60. {@link DeadAndSlowWriters#landLateCommit} lets the slow one write.
     */
    private DeadAndSlowWriters deadWriterThenSlowWriter() throws Exception {
        BeaconEventStorageEngine writer = engine();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            before.addAll(ids(append(writer, domain("a", i, new Renamed("a" + i)))));
        }
        database().getCollection(EVENTS + "_positions").findOneAndUpdate(eq("_id", EVENTS), Updates.inc("last", 10L));
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BeaconEventStorageEngine slow = engine(b -> b.reservationListener((first, last) -> {
            reserved.countDown();
            release.await();
        }));
        EventMessage<?> late = domain("late", 0, new Created("late"));
        Future<?> slowAppend = executor(1).submit(() -> slow.appendEvents(late));
        assertThat(reserved.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            after.addAll(ids(append(writer, domain("b", i, new Renamed("b" + i)))));
        }
        return new DeadAndSlowWriters(before, late, after, release, slowAppend);
    }

    private record DeadAndSlowWriters(List<String> before, EventMessage<?> late, List<String> after,
                                      CountDownLatch release, Future<?> slowAppend) {
        void landLateCommit() throws Exception {
            release.countDown();
            slowAppend.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private Iterator<? extends TrackedEventMessage<?>> streamFromTail(BeaconEventStorageEngine reader) {
        Stream<? extends TrackedEventMessage<?>> stream = reader.readEvents(reader.createTailToken(), false);
        cleanup.push(stream::close);
        return stream.iterator();
    }

    // ---------------------------------------------------------------------------------------------
    // Tokens

    @Test
    void storedTokensStaySmallWhileAppendsRunAtTenThousandEventsPerSecond() throws Exception {
        BeaconEventStorageEngine engine = engine();
        TokenStore tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(store.client(), databaseName).build())
                .serializer(SERIALIZER)
                .build();
        AtomicLong handled = new AtomicLong();
        String processorName = "token-size";
        trackingProcessor(processorName, eventStore(engine), tokenStore, event -> {
            handled.incrementAndGet();
            return null;
        }, 100).start();

        MongoCollection<Document> tokens = database().getCollection("trackingtokens");
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        ExecutorService sampler = executor(1);
        Future<?> sampled = sampler.submit(() -> {
            while (sampling.get()) {
                Document token = tokens.find(and(eq("processorName", processorName), eq("segment", 0))).first();
                if (token != null && token.get("token") != null) {
                    samples.incrementAndGet();
                    largest.accumulateAndGet(tokenSize(token.get("token")), Math::max);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            return null;
        });

        // Commits of 10 events, paced to 1,000 commits/s (10,000 events/s) over four writers, for 3 s. A
        // writer behind its schedule appends at once, as fast as the store takes it, until the 3 s are over.
        int writers = 4;
        int commitSize = 10;
        long commitIntervalNanos = TimeUnit.SECONDS.toNanos(1) * writers / 1000;
        long runNanos = TimeUnit.SECONDS.toNanos(3);
        AtomicLong appended = new AtomicLong();
        long start = System.nanoTime();
        runConcurrently(writers, writer -> {
            for (int commit = 0; System.nanoTime() - start < runNanos; commit++) {
                long wait = start + commit * commitIntervalNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                List<EventMessage<?>> events = new ArrayList<>(commitSize);
                for (int i = 0; i < commitSize; i++) {
                    events.add(domain("w" + writer + "-" + commit, i, i == 0 ? new Created("c" + commit) : new Renamed("r" + i)));
                }
                engine.appendEvents(events);
                appended.addAndGet(commitSize);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = appended.get() / seconds;

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> handled.get() >= appended.get());
        // Caught up: the stored token names the last position taken.
        TrackingToken head = engine.createHeadToken();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> head.equals(storedToken(tokens, processorName)));
        sampling.set(false);
        sampled.get(10, TimeUnit.SECONDS);
        Document finalToken = tokens.find(and(eq("processorName", processorName), eq("segment", 0))).first();
        int finalSize = tokenSize(finalToken.get("token"));

        System.out.printf("Token size scenario: appended %d events in %.2f s (%.0f events/s); "
                        + "%d token samples, largest stored token %d bytes (final %d bytes: %s)%n",
                appended.get(), seconds, rate, samples.get(), Math.max(largest.get(), finalSize), finalSize,
                new String(tokenBytes(finalToken.get("token")), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(handled.get()).isEqualTo(appended.get());
        assertThat(samples.get()).isGreaterThan(1);
        assertThat(largest.get()).isLessThan(1024);
        assertThat(finalSize).isLessThan(1024);
    }

    /** The token a processor stored for segment 0, deserialized; null before it stored one. */
    static TrackingToken storedToken(MongoCollection<Document> tokens, String processorName) {
        Document stored = tokens.find(and(eq("processorName", processorName), eq("segment", 0))).first();
        if (stored == null || stored.get("token") == null) {
            return null;
        }
        return SERIALIZER.deserialize(new SimpleSerializedObject<>(tokenBytes(stored.get("token")), byte[].class,
                stored.getString("tokenType"), null));
    }

    @Test
    void aTailTokenStreamsFromTheFirstEvent() {
        BeaconEventStorageEngine engine = engine();
        List<EventMessage<?>> appended = append(engine, domain("a", 0, new Created("a")), domain("a", 1, new Renamed("a1")));
        appended.addAll(append(engine, new GenericEventMessage<>(new Noted("n"))));

        assertThat(ids(track(engine, engine.createTailToken()))).containsExactlyElementsOf(ids(appended));
    }

    @Test
    void aHeadTokenStreamsOnlyEventsAppendedAfterIt() {
        BeaconEventStorageEngine engine = engine();
        assertThat(track(engine, engine.createHeadToken())).isEmpty();
        append(engine, domain("a", 0, new Created("a")), domain("a", 1, new Renamed("a1")));
        append(engine, new GenericEventMessage<>(new Noted("n")));
        TrackingToken head = engine.createHeadToken();
        assertThat(track(engine, head)).isEmpty();

        List<EventMessage<?>> later = append(engine, domain("a", 2, new Renamed("a2")), domain("b", 0, new Created("b")));

        assertThat(ids(track(engine, head))).containsExactlyElementsOf(ids(later));
    }

    @Test
    void aTokenAtAnInstantStreamsFromTheFirstEventAtOrAfterIt() {
        BeaconEventStorageEngine engine = engine();
        Instant base = Instant.parse("2024-05-01T10:00:00Z");
        List<EventMessage<?>> appended = new ArrayList<>();
        for (int hour = 0; hour < 6; hour++) {
            appended.addAll(append(engine, domainAt("a", hour, new Renamed("h" + hour), base.plus(hour, ChronoUnit.HOURS))));
            if (hour == 2) {
                // A failed commit between: its positions are passed over, and hold no timestamp.
                assertThatThrownBy(() -> engine.appendEvents(
                        domainAt("a", 0, new Created("clash"), base.plus(150, ChronoUnit.MINUTES))))
                        .isInstanceOf(AggregateStreamCreationException.class);
            }
        }
        List<String> ids = ids(appended);

        assertThat(ids(track(engine, engine.createTokenAt(base.minus(1, ChronoUnit.DAYS))))).containsExactlyElementsOf(ids);
        assertThat(ids(track(engine, engine.createTokenAt(base)))).containsExactlyElementsOf(ids);
        assertThat(ids(track(engine, engine.createTokenAt(base.plus(3, ChronoUnit.HOURS)))))
                .containsExactlyElementsOf(ids.subList(3, 6));
        assertThat(ids(track(engine, engine.createTokenAt(base.plus(150, ChronoUnit.MINUTES)))))
                .containsExactlyElementsOf(ids.subList(3, 6));
        assertThat(ids(track(engine, engine.createTokenAt(base.plus(2, ChronoUnit.HOURS).plusNanos(1)))))
                .containsExactlyElementsOf(ids.subList(3, 6));
        assertThat(ids(track(engine, engine.createTokenAt(base.plus(5, ChronoUnit.HOURS)))))
                .containsExactlyElementsOf(ids.subList(5, 6));
        TrackingToken afterAll = engine.createTokenAt(base.plus(6, ChronoUnit.HOURS));
        assertThat(track(engine, afterAll)).isEmpty();
        List<EventMessage<?>> later = append(engine, domainAt("a", 6, new Renamed("h6"), base.plus(7, ChronoUnit.HOURS)));
        assertThat(ids(track(engine, afterAll))).containsExactlyElementsOf(ids(later));
    }

    @Test
    void resumingFromATokenInsideAMultiEventCommitContinuesWithTheRestOfThatCommit() {
        BeaconEventStorageEngine engine = engine();
        List<EventMessage<?>> commit = append(engine, domain("a", 0, new Created("a")), domain("a", 1, new Renamed("a1")),
                domain("b", 0, new Created("b")), new GenericEventMessage<>(new Noted("n")), domain("a", 2, new Renamed("a2")));
        List<EventMessage<?>> next = append(engine, domain("c", 0, new Created("c")), domain("c", 1, new Renamed("c1")));
        List<String> all = concat(ids(commit), ids(next));

        for (int resumeAt = 1; resumeAt <= 6; resumeAt++) {
            List<TrackedEventMessage<?>> tracked = track(engine, new GlobalSequenceTrackingToken(resumeAt));
            assertThat(ids(tracked)).as("resumed after position %d", resumeAt).containsExactlyElementsOf(all.subList(resumeAt, 7));
            assertThat(positions(tracked)).containsExactlyElementsOf(LongStream.rangeClosed(resumeAt + 1, 7).boxed().toList());
        }
    }

    @Test
    void resumingInsideAMultiEventCommitFarBehindTheHeadContinuesWithTheRestOfThatCommit() {
        // A small lookup window and scan chunk: a stream this far behind reads in chunks.
        BeaconEventStorageEngine engine = engine(b -> b.lookupWindow(4).scanChunk(8));
        List<String> all = new ArrayList<>();
        for (int commit = 0; commit < 30; commit++) {
            List<EventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(domain("agg" + commit, i, new Renamed("e" + i)));
            }
            all.addAll(ids(append(engine, events.toArray(EventMessage[]::new))));
        }

        for (long resumeAt : new long[]{0, 3, 5, 7, 21, 44, 146}) {
            List<TrackedEventMessage<?>> tracked = track(engine, new GlobalSequenceTrackingToken(resumeAt));
            assertThat(ids(tracked)).as("resumed after position %d", resumeAt)
                    .containsExactlyElementsOf(all.subList((int) resumeAt, all.size()));
            assertThat(positions(tracked)).containsExactlyElementsOf(LongStream.rangeClosed(resumeAt + 1, all.size()).boxed().toList());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Snapshots

    @Test
    void aSnapshotIsStoredAndReadBack() {
        BeaconEventStorageEngine engine = engine();
        assertThat(engine.readSnapshot("s")).isEmpty();

        engine.storeSnapshot(domain("s", 5, new Snap("five")));

        Optional<DomainEventMessage<?>> snapshot = engine.readSnapshot("s");
        assertThat(snapshot).hasValueSatisfying(s -> {
            assertThat(s.getAggregateIdentifier()).isEqualTo("s");
            assertThat(s.getSequenceNumber()).isEqualTo(5L);
            assertThat(s.getType()).isEqualTo(TYPE);
            assertThat(s.getPayload()).isEqualTo(new Snap("five"));
        });
        assertThat(engine.readSnapshot("other")).isEmpty();
    }

    @Test
    void aNewerSnapshotReplacesAnOlderOne() {
        BeaconEventStorageEngine engine = engine();
        engine.storeSnapshot(domain("s", 5, new Snap("five")));

        engine.storeSnapshot(domain("s", 8, new Snap("eight")));

        assertThat(engine.readSnapshot("s")).hasValueSatisfying(s -> {
            assertThat(s.getSequenceNumber()).isEqualTo(8L);
            assertThat(s.getPayload()).isEqualTo(new Snap("eight"));
        });
    }

    @Test
    void anOlderSnapshotDoesNotReplaceANewerOne() {
        BeaconEventStorageEngine engine = engine();
        engine.storeSnapshot(domain("s", 8, new Snap("eight")));

        engine.storeSnapshot(domain("s", 3, new Snap("three")));
        engine.storeSnapshot(domain("s", 8, new Snap("eight again")));

        assertThat(engine.readSnapshot("s")).hasValueSatisfying(s -> {
            assertThat(s.getSequenceNumber()).isEqualTo(8L);
            assertThat(s.getPayload()).isEqualTo(new Snap("eight"));
        });
    }

    @Test
    void theEventStoreReadsAnAggregateFromItsSnapshotOn() {
        BeaconEventStorageEngine engine = engine();
        for (long sequence = 0; sequence <= 10; sequence++) {
            engine.appendEvents(domain("s", sequence, sequence == 0 ? new Created("s") : new Renamed("s" + sequence)));
        }
        engine.storeSnapshot(domain("s", 8, new Snap("up to eight")));
        EmbeddedEventStore eventStore = eventStore(engine);

        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents("s").asStream().toList();

        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber).containsExactly(8L, 9L, 10L);
        assertThat(payloads(stream))
                .containsExactly(new Snap("up to eight"), new Renamed("s9"), new Renamed("s10"));
    }

    // ---------------------------------------------------------------------------------------------
    // Upcasting

    @Test
    void anUpcasterTurnsAnOldEventIntoItsNewFormInTrackedAndAggregateReads() {
        BeaconEventStorageEngine engine = engine(b -> b.upcasterChain(new NamedToTitled()));
        append(engine, domain("u", 0, new Created("u")), domain("u", 1, new Named("old name")));
        append(engine, new GenericEventMessage<>(new Named("plain old")));

        List<TrackedEventMessage<?>> tracked = track(engine, null);
        assertThat(payloads(tracked))
                .containsExactly(new Created("u"), new Titled("old name"), new Titled("plain old"));
        assertThat(tracked.get(1).getPayloadType()).isEqualTo(Titled.class);
        assertThat(engine.readEvents("u", 0).asStream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly(new Created("u"), new Titled("old name"));
        // The stored events are untouched: an engine without the upcaster reads the old form.
        assertThat(payloads(track(engine(b -> b), null)))
                .containsExactly(new Created("u"), new Named("old name"), new Named("plain old"));
    }

    // ---------------------------------------------------------------------------------------------
    // Processors

    @Test
    void aPooledStreamingProcessorSeesEveryEventOnceInOrder() throws Exception {
        BeaconEventStorageEngine engine = engine();
        List<String> appended = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            appended.addAll(ids(append(engine, domain("before" + i, 0, new Created("b" + i)),
                    new GenericEventMessage<>(new Noted("n" + i)))));
        }
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        cleanup.push(coordinator::shutdownNow);
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(1);
        cleanup.push(workers::shutdownNow);
        Recorder recorder = new Recorder();
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("pooled")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(recorder).build())
                .messageSource(eventStore(engine))
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(1)
                .initialToken(StreamableMessageSource::createTailToken)
                .tokenClaimInterval(100)
                .build();
        cleanup.push(processor::shutDown);
        processor.start();

        appended.addAll(appendConcurrently(List.of(engine), 2, 40));
        String sentinel = appendSentinel(engine);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> recorder.hasSeen(sentinel));

        assertSeenExactlyOnceInStrictlyIncreasingPositions(recorder, appended, sentinel);
        assertThat(recorder.ids()).containsExactlyElementsOf(ids(track(engine, null)));
    }

    @Test
    void resetAndReplayRebuildsAProjectionEqualToTheOriginal() {
        BeaconEventStorageEngine engine = engine();
        int total = 0;
        for (int aggregate = 0; aggregate < 6; aggregate++) {
            for (long sequence = 0; sequence < 5; sequence += 1 + sequence % 2) {
                List<EventMessage<?>> events = new ArrayList<>();
                events.add(domain("p" + aggregate, sequence, sequence == 0 ? new Created("p" + aggregate) : new Renamed("p" + aggregate + "." + sequence)));
                if (sequence % 2 == 1) {
                    events.add(domain("p" + aggregate, sequence + 1, new Renamed("p" + aggregate + "." + (sequence + 1))));
                }
                events.add(new GenericEventMessage<>(new Noted("ignored")));
                engine.appendEvents(events);
                total += events.size();
            }
        }
        MongoCollection<Document> view = database().getCollection("projection");
        Projection projection = new Projection(view);
        TrackingEventProcessor processor = trackingProcessor("projection", eventStore(engine), new InMemoryTokenStore(), projection, 1);
        processor.start();
        int expected = total;
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(projection.handled.get()).isEqualTo(expected));
        List<Document> original = view.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(original).hasSize(6);
        assertThat(original.get(0)).containsEntry("_id", "p0").containsEntry("name", "p0.4").containsEntry("events", 5);

        processor.shutDown();
        processor.resetTokens();
        assertThat(projection.resets.get()).isEqualTo(1);
        assertThat(view.countDocuments()).isZero();
        projection.handled.set(0);
        processor.start();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(projection.handled.get()).isEqualTo(expected));
        // Caught up with the last event, so no event is still to come.
        long head = engine.createHeadToken().position().orElseThrow();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> processor.processingStatus().get(0).getCurrentPosition().orElse(-1) == head);
        assertThat(view.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(original);
        assertThat(projection.handled.get()).isEqualTo(expected);
    }

    // ---------------------------------------------------------------------------------------------
    // Test infrastructure

    /** Upcasts {@link Named} without a revision to {@link Titled} revision 2, renaming {@code name} to {@code title}. */
    static final class NamedToTitled extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(Named.class.getName())
                    && representation.getType().getRevision() == null;
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(Titled.class.getName(), "2"), JsonNode.class,
                    node -> {
                        ObjectNode object = (ObjectNode) node;
                        object.set("title", object.remove("name"));
                        return object;
                    });
        }
    }

    /** Records every event a processor hands it, with its position. */
    static final class Recorder implements EventMessageHandler {
        private final List<String> ids = new ArrayList<>();
        private final List<Long> positions = new ArrayList<>();

        @Override
        public synchronized Object handle(EventMessage<?> event) {
            ids.add(event.getIdentifier());
            positions.add(((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow());
            return null;
        }

        synchronized boolean hasSeen(String id) {
            return ids.contains(id);
        }

        synchronized List<String> ids() {
            return new ArrayList<>(ids);
        }

        synchronized List<Long> positions() {
            return new ArrayList<>(positions);
        }
    }

    /** A view with one document per aggregate, rebuilt from scratch on reset. */
    static final class Projection implements EventMessageHandler {
        final MongoCollection<Document> view;
        final AtomicInteger handled = new AtomicInteger();
        final AtomicInteger resets = new AtomicInteger();

        Projection(MongoCollection<Document> view) {
            this.view = view;
        }

        @Override
        public Object handle(EventMessage<?> event) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                String name = domainEvent.getPayload() instanceof Created created ? created.name()
                        : ((Renamed) domainEvent.getPayload()).name();
                view.updateOne(eq("_id", domainEvent.getAggregateIdentifier()),
                        Updates.combine(Updates.set("name", name), Updates.set("version", domainEvent.getSequenceNumber()),
                                Updates.inc("events", 1), Updates.push("names", name)),
                        new UpdateOptions().upsert(true));
            }
            handled.incrementAndGet();
            return null;
        }

        @Override
        public boolean supportsReset() {
            return true;
        }

        @Override
        public void prepareReset() {
            resets.incrementAndGet();
            view.drop();
        }
    }

    @FunctionalInterface
    interface ThrowingTask {
        void run(int index) throws Exception;
    }

    @FunctionalInterface
    interface EventForThread {
        EventMessage<?> event(int thread);
    }

    MongoDatabase database() {
        return store.client().getDatabase(databaseName);
    }

    MongoCollection<Document> events() {
        return database().getCollection(EVENTS);
    }

    /** This test's database through a second client, as a second node sees it. */
    MongoDatabase secondNodeDatabase() {
        MongoClient client = openSecondClient(store);
        cleanup.push(client::close);
        return client.getDatabase(databaseName);
    }

    BeaconEventStorageEngine engine() {
        return engine(b -> b);
    }

    BeaconEventStorageEngine engine(UnaryOperator<BeaconEventStorageEngine.Builder> settings) {
        return engine(database(), settings);
    }

    BeaconEventStorageEngine engine(MongoDatabase database, UnaryOperator<BeaconEventStorageEngine.Builder> settings) {
        BeaconEventStorageEngine engine = settings.apply(BeaconEventStorageEngine.builder()
                        .database(database)
                        .eventSerializer(SERIALIZER)
                        .snapshotSerializer(SERIALIZER))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    EmbeddedEventStore eventStore(EventStorageEngine engine) {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(20).build();
        cleanup.push(eventStore::shutDown);
        return eventStore;
    }

    TrackingEventProcessor trackingProcessor(String name, StreamableMessageSource<TrackedEventMessage<?>> source,
                                             TokenStore tokenStore, EventMessageHandler handler, int batchSize) {
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(source)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS)
                        .andTokenClaimInterval(100, TimeUnit.MILLISECONDS))
                .build();
        cleanup.push(processor::shutDown);
        return processor;
    }

    ExecutorService executor(int threads) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        cleanup.push(executor::shutdownNow);
        return executor;
    }

    /** An executor on daemon threads, for work that may never end if the engine misbehaves. */
    ExecutorService daemonExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scenario-daemon");
            thread.setDaemon(true);
            return thread;
        });
        cleanup.push(executor::shutdownNow);
        return executor;
    }

    /**
     * Delays every reservation by 0..maxMillis ms; if {@code stallMillis > 0}, every sixth one by
     * {@code stallMillis} instead.
     */
    static BeaconEventStorageEngine.ReservationListener randomDelay(int maxMillis, AtomicInteger reservations, long stallMillis) {
        return (first, last) -> {
            if (stallMillis > 0 && reservations.incrementAndGet() % 6 == 0) {
                Thread.sleep(stallMillis);
            } else {
                Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis + 1));
            }
        };
    }

    /** Runs {@code task(0..threads-1)} at once on as many threads; rethrows the first failure. */
    void runConcurrently(int threads, ThrowingTask task) throws Exception {
        ExecutorService pool = executor(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int index = thread;
            futures.add(pool.submit((Callable<Void>) () -> {
                ready.countDown();
                go.await();
                task.run(index);
                return null;
            }));
        }
        ready.await();
        go.countDown();
        for (Future<?> future : futures) {
            future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * Appends from {@code threadsPerNode} threads on each engine at once: each thread appends
     * {@code commits} commits of 1 to 3 events to an aggregate of its own, some with a plain event.
     * Returns every appended event's id.
     */
    List<String> appendConcurrently(List<BeaconEventStorageEngine> nodes, int threadsPerNode, int commits) throws Exception {
        List<String> ids = new ArrayList<>();
        runConcurrently(nodes.size() * threadsPerNode, thread -> {
            BeaconEventStorageEngine engine = nodes.get(thread % nodes.size());
            String aggregate = "node" + (thread % nodes.size()) + "-thread" + thread;
            long sequence = 0;
            for (int commit = 0; commit < commits; commit++) {
                List<EventMessage<?>> events = new ArrayList<>();
                for (int i = 0; i <= commit % 3; i++, sequence++) {
                    events.add(domain(aggregate, sequence, sequence == 0 ? new Created(aggregate) : new Renamed(aggregate + sequence)));
                }
                if (commit % 7 == 3) {
                    events.add(new GenericEventMessage<>(new Noted(aggregate + "/" + commit)));
                }
                engine.appendEvents(events);
                synchronized (ids) {
                    ids.addAll(ids(events));
                }
            }
        });
        return ids;
    }

    /**
     * Appends the same event from {@code threads} threads at once, spread over the engines. Returns
     * per thread the appended event's id or the exception its append threw.
     */
    List<Object> raceAppends(List<BeaconEventStorageEngine> engines, int threads, EventForThread events) throws Exception {
        Object[] outcomes = new Object[threads];
        runConcurrently(threads, thread -> {
            EventMessage<?> event = events.event(thread);
            try {
                engines.get(thread % engines.size()).appendEvents(event);
                outcomes[thread] = event.getIdentifier();
            } catch (RuntimeException e) {
                outcomes[thread] = e;
            }
        });
        return List.of(outcomes);
    }

    /** Appends one more event; once a processor has seen it, it has seen every event appended before. */
    String appendSentinel(BeaconEventStorageEngine engine) {
        EventMessage<?> sentinel = new GenericEventMessage<>(new Noted("sentinel"));
        engine.appendEvents(sentinel);
        return sentinel.getIdentifier();
    }

    static void assertSeenExactlyOnceInStrictlyIncreasingPositions(Recorder recorder, List<String> appended, String sentinel) {
        List<String> seen = recorder.ids();
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(concat(appended, List.of(sentinel)));
        assertThat(seen.get(seen.size() - 1)).isEqualTo(sentinel);
        assertThat(recorder.positions()).isSorted().doesNotHaveDuplicates();
    }

    /** Every position taken so far is held by exactly one document: a commit or a tombstone. */
    void assertEveryTakenPositionHasExactlyOneDocument() {
        long lastTaken = new Positions(database(), EVENTS + "_positions", events(), EVENTS).lastTaken();
        List<Long> held = new ArrayList<>();
        for (Document document : events().find().projection(Projections.include("pos"))) {
            document.getList("pos", Number.class).forEach(p -> held.add(p.longValue()));
        }
        assertThat(held).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(held)).containsExactlyElementsOf(LongStream.rangeClosed(1, lastTaken).boxed().toList());
    }

    List<Document> tombstones() {
        return events().find(eq("tomb", true)).into(new ArrayList<>());
    }

    List<Long> tombstonePositions() {
        return tombstones().stream().flatMap(t -> t.getList("pos", Number.class).stream())
                .map(Number::longValue).sorted().toList();
    }

    static List<EventMessage<?>> append(BeaconEventStorageEngine engine, EventMessage<?>... events) {
        engine.appendEvents(events);
        return new ArrayList<>(List.of(events));
    }

    static DomainEventMessage<?> domain(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(TYPE, aggregate, sequence, payload);
    }

    static DomainEventMessage<?> domainAt(String aggregate, long sequence, Object payload, Instant timestamp) {
        return new GenericDomainEventMessage<>(TYPE, aggregate, sequence, payload, MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(), timestamp);
    }

    static List<TrackedEventMessage<?>> track(EventStorageEngine engine, TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(from, false)) {
            return new ArrayList<>(stream.toList());
        }
    }

    static List<String> ids(List<? extends EventMessage<?>> events) {
        return events.stream().map(EventMessage::getIdentifier).toList();
    }

    static List<Object> payloads(List<? extends EventMessage<?>> events) {
        return events.stream().<Object>map(EventMessage::getPayload).toList();
    }

    static List<Long> positions(List<TrackedEventMessage<?>> events) {
        return events.stream().map(e -> e.trackingToken().position().orElseThrow()).toList();
    }

    static List<TrackingToken> tokens(long first, long last) {
        return LongStream.rangeClosed(first, last).<TrackingToken>mapToObj(GlobalSequenceTrackingToken::new).toList();
    }

    static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static int tokenSize(Object stored) {
        return tokenBytes(stored).length;
    }

    static byte[] tokenBytes(Object stored) {
        if (stored instanceof Binary binary) {
            return binary.getData();
        }
        if (stored instanceof byte[] bytes) {
            return bytes;
        }
        if (stored instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new AssertionError("Unexpected stored token " + stored);
    }
}

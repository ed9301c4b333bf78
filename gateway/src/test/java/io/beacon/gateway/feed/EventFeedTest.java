package io.beacon.gateway.feed;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.gateway.store.MongoStore;
import io.beacon.gateway.store.events.BeaconEventStorageEngine;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed on a real event store (the embedded one): live delivery, resume from the store and from
 * memory with nothing lost or repeated, resume while events keep arriving, a slow subscriber cut
 * off without delaying the others, and the memory bounds: the ring and each queue by weight as well as count.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EventFeedTest {

    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    @TempDir
    Path dir;

    private MongoStore store;
    private EmbeddedEventStore eventStore;
    private final List<EventFeed> feeds = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    @BeforeEach
    void openStore() {
        store = MongoStore.embedded(dir, 0);
        eventStore = node();
    }

    /** An event store of one node of Beacon: its own engine on the shared database. */
    private EmbeddedEventStore node() {
        BeaconEventStorageEngine engine = BeaconEventStorageEngine.builder()
                .database(store.client().getDatabase("feed"))
                .eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER).build();
        engine.ensureIndexes();
        EmbeddedEventStore node = EmbeddedEventStore.builder().storageEngine(engine).build();
        nodes.add(node);
        return node;
    }

    private final List<EmbeddedEventStore> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        feeds.forEach(EventFeed::stop);
        nodes.forEach(EmbeddedEventStore::shutDown);
        store.close();
    }

    private EventFeed feed(int retained, int queueLimit) {
        return feed(eventStore, retained, queueLimit);
    }

    private EventFeed feed(EmbeddedEventStore node, int retained, int queueLimit) {
        return feed(node, retained, Long.MAX_VALUE, queueLimit, Long.MAX_VALUE);
    }

    private EventFeed feed(EmbeddedEventStore node, int retained, long retainedWeight, int queueLimit, long queueWeight) {
        EventFeed feed = new EventFeed(node, store, retained, retainedWeight, queueLimit, queueWeight, Duration.ofSeconds(30), 4);
        feed.start();
        feeds.add(feed);
        return feed;
    }

    /** Stores a company's creation, or its rename once created, by the same actor on request {@code r<n>}. */
    private void store(String company, String name) {
        int seq = sequence.getAndIncrement();
        Object payload = created.add(company)
                ? new CompanyCreated(CompanyId.of(company), seq, CompanyFields.EMPTY.with(CompanyField.NAME, name))
                : new CompanyUpdated(CompanyId.of(company), Map.of("name", new FieldChange("old", name)));
        eventStore.publish(new GenericDomainEventMessage<>("Company", company + "-" + seq, 0, payload,
                MetaData.with("actor_uuid", "u-1").and("actor_email", "ada@example.com").and("request_id", "r" + seq)));
    }

    /** A subscriber whose first delivery blocks until {@code release}: it reads nothing more meanwhile. */
    private static Received stuckUntil(CountDownLatch release) {
        return new Received() {
            @Override
            public void onEvent(String channel, FeedEvent event) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private final java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String uuid(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /** Collects what a subscription receives. */
    private static class Received implements FeedListener {
        final List<FeedEvent> events = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch cutOff = new CountDownLatch(1);

        @Override
        public void onEvent(String channel, FeedEvent event) {
            events.add(event);
        }

        @Override
        public void onCutOff(String channel) {
            cutOff.countDown();
        }

        List<Long> offsets() {
            synchronized (events) {
                return events.stream().map(FeedEvent::offset).toList();
            }
        }

        List<String> names() {
            synchronized (events) {
                return events.stream().map(e -> ((Map<?, ?>) ((Map<?, ?>) e.data().get("changes")).get("name")))
                        .map(change -> String.valueOf(change.get("new"))).toList();
            }
        }
    }

    @Test
    void liveSubscribersReceiveTheirChannelsEventsOnceInOrderWithActorAndOffsets() {
        EventFeed feed = feed(100, 100);
        Received all = new Received();
        Received one = new Received();
        feed.subscribe("companies", null, all);
        feed.subscribe("company:" + uuid(1), null, one);

        store(uuid(1), "a");
        store(uuid(2), "b");
        store(uuid(1), "c");

        await().atMost(Duration.ofSeconds(20)).until(() -> all.events.size() == 3 && one.events.size() == 2);
        assertThat(all.names()).containsExactly("a", "b", "c");
        assertThat(one.names()).containsExactly("a", "c");
        assertThat(all.offsets()).isSorted().doesNotHaveDuplicates();
        FeedEvent first = all.events.get(0);
        assertThat(first.type()).isEqualTo("company_created");
        assertThat(all.events.get(2).type()).isEqualTo("company_updated");
        assertThat(first.data()).containsEntry("company_uuid", uuid(1)).containsEntry("request_id", "r0")
                .containsEntry("actor", Map.of("uuid", "u-1", "email", "ada@example.com"));
        assertThat(first.channels()).containsExactly("companies", "company:" + uuid(1), "audit");
    }

    @Test
    void resumingReadsTheMissedEventsFromTheStoreThenContinuesLive() {
        EventFeed feed = feed(2, 100); // keeps only 2 events in memory: older ones come from the store
        Received before = new Received();
        feed.subscribe("companies", null, before);
        for (int i = 0; i < 6; i++) {
            store(uuid(10 + i), "n" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> before.events.size() == 6);
        long since = before.events.get(1).offset();

        Received resumed = new Received();
        feed.subscribe("companies", since, resumed);
        store(uuid(20), "live");

        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.events.size() == 5);
        assertThat(resumed.names()).containsExactly("n2", "n3", "n4", "n5", "live");
        assertThat(resumed.offsets()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void resumingFromMemoryAndWhileEventsKeepArrivingLosesAndRepeatsNothing() throws Exception {
        EventFeed feed = feed(50, 10_000);
        Received witness = new Received();
        feed.subscribe("companies", null, witness);
        for (int i = 0; i < 40; i++) {
            store(uuid(100 + i), "w" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> witness.events.size() == 40);
        long since = witness.events.get(4).offset();

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 60; i++) {
                store(uuid(200 + i), "x" + i);
            }
        });
        Received resumed = new Received();
        feed.subscribe("companies", since, resumed);
        writer.get(60, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> witness.events.size() == 100 && resumed.events.size() == 95);
        assertThat(resumed.offsets()).containsExactlyElementsOf(witness.offsets().subList(5, 100));
    }

    @Test
    void oneSubscriptionOverSeveralChannelsGetsTheirEventsInOffsetOrderEachOnce() {
        EventFeed feed = feed(2, 100);
        Received both = new Received();
        for (int i = 0; i < 6; i++) {
            store(uuid(500 + i % 2), "p" + i);
        }
        Received witness = new Received();
        feed.subscribe("companies", 0L, witness);
        await().atMost(Duration.ofSeconds(20)).until(() -> witness.events.size() == 6);

        // From the store (only 2 are kept in memory), then live; "audit" also carries every event.
        feed.subscribe(List.of("company:" + uuid(500), "company:" + uuid(501), "audit"), 0L, both);
        store(uuid(501), "live");

        await().atMost(Duration.ofSeconds(20)).until(() -> both.events.size() == 7);
        assertThat(both.offsets()).isSorted().doesNotHaveDuplicates().startsWith(witness.offsets().toArray(Long[]::new));
        assertThat(both.names()).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "live");
    }

    @Test
    void aSubscriberOnAnotherNodeReceivesEveryEventOnce() {
        EventFeed nodeA = feed(100, 100);
        EventFeed nodeB = feed(node(), 100, 100);
        Received onA = new Received();
        Received onB = new Received();
        nodeA.subscribe("audit", null, onA);
        nodeB.subscribe("audit", null, onB);

        for (int i = 0; i < 10; i++) {
            store(uuid(400 + i), "m" + i); // written through node A's event store
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> onA.events.size() == 10 && onB.events.size() == 10);
        assertThat(onB.offsets()).containsExactlyElementsOf(onA.offsets());
        assertThat(onB.names()).containsExactlyElementsOf(onA.names());
    }

    @Test
    void aSubscriberThatStopsReadingIsCutOffAndDelaysNoOne() throws Exception {
        EventFeed feed = feed(100, 5);
        CountDownLatch release = new CountDownLatch(1);
        Received stuck = stuckUntil(release);
        Received healthy = new Received();
        feed.subscribe("companies", null, stuck);
        feed.subscribe("companies", null, healthy);

        // Paced by the healthy reader: it never has more than one event waiting, the stuck one piles up.
        for (int i = 0; i < 20; i++) {
            store(uuid(300 + i), "s" + i);
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> healthy.events.size() == expected);
        }

        assertThat(stuck.cutOff.await(20, TimeUnit.SECONDS)).as("the stuck subscriber is cut off").isTrue();
        assertThat(healthy.cutOff.getCount()).isEqualTo(1);
        release.countDown();
    }

    @Test
    void theRingAndEachQueueStayWithinTheirWeightAndAStuckReaderIsCutOffAtItsBound() throws Exception {
        String large = "x".repeat(1_900);
        // Room for about 5 large events in the ring and 3 in a queue, though the counts would allow 1,000.
        long eventWeight = 2_500; // a little more than each event here weighs
        long ringBound = 5 * eventWeight;
        long queueBound = 3 * eventWeight;
        EventFeed feed = feed(eventStore, 1_000, ringBound, 1_000, queueBound);
        CountDownLatch release = new CountDownLatch(1);
        Received stuck = stuckUntil(release);
        Received healthy = new Received();
        feed.subscribe("companies", null, stuck);
        feed.subscribe("companies", null, healthy);

        long largestEvent = 0;
        for (int i = 0; i < 30; i++) {
            store(uuid(600 + i), large + i);
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> healthy.events.size() == expected);
            largestEvent = Math.max(largestEvent, healthy.events.get(i).weight());
            assertThat(feed.retainedWeight()).as("the ring's weight after event " + i).isLessThanOrEqualTo(ringBound);
        }

        assertThat(largestEvent).as("the events are as large as planned").isBetween(1_900L, eventWeight);
        assertThat(stuck.cutOff.await(20, TimeUnit.SECONDS)).as("the stuck subscriber is cut off").isTrue();
        assertThat(feed.cutOffs()).isEqualTo(1);
        assertThat(feed.peakQueuedWeight()).as("the most one subscription held")
                .isGreaterThan(queueBound - largestEvent).isLessThanOrEqualTo(queueBound + largestEvent);
        assertThat(feed.retainedEvents()).as("the ring dropped events by weight, not count").isBetween(4L, 5L);
        assertThat(healthy.cutOff.getCount()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.queuedWeight() == 0);
        release.countDown();

        // An offset the ring no longer holds resumes from the store, all the same.
        Received resumed = new Received();
        feed.subscribe("companies", healthy.events.get(9).offset(), resumed);
        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.events.size() == 20);
        assertThat(resumed.offsets()).containsExactlyElementsOf(healthy.offsets().subList(10, 30));
    }

    @Test
    void resumingFromARingLargerThanAQueueDeliversEverythingWithoutCuttingOff() {
        String large = "y".repeat(1_900);
        // The ring holds all 30 events; a queue only about 3 of them.
        EventFeed feed = feed(eventStore, 1_000, Long.MAX_VALUE, 1_000, 3 * 2_500);
        Received witness = new Received();
        feed.subscribe("companies", null, witness);
        // Paced by the witness, whose live queue is just as small.
        for (int i = 0; i < 30; i++) {
            store(uuid(700 + i), large + i);
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> witness.events.size() == expected);
        }
        assertThat(feed.retainedEvents()).isGreaterThanOrEqualTo(30);

        Received slowReader = new Received() {
            @Override
            public void onEvent(String channel, FeedEvent event) {
                super.onEvent(channel, event);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        feed.subscribe("companies", witness.events.get(0).offset() - 1, slowReader);
        await().atMost(Duration.ofSeconds(30)).until(() -> slowReader.events.size() == 30);
        store(uuid(760), "live");

        await().atMost(Duration.ofSeconds(30)).until(() -> slowReader.events.size() == 31);
        assertThat(slowReader.cutOff.getCount()).as("not cut off").isEqualTo(1);
        assertThat(slowReader.offsets()).isSorted().doesNotHaveDuplicates().startsWith(witness.offsets().toArray(Long[]::new));
        assertThat(slowReader.names().get(30)).isEqualTo("live");
    }
}

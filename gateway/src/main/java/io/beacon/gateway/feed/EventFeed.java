package io.beacon.gateway.feed;

import io.beacon.gateway.store.MongoStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pushed events of this node, read from the event store: one thread tails the store from its
 * head and hands each pushed event to the subscriptions of its channels. Every node tails the same
 * store, so a subscriber on any node sees the events of commands handled on every node, once each,
 * in position order.
 *
 * <p>Resume: a subscription with {@code since} first receives the channel's events after that
 * offset, read again from the store (or from the last {@code retained} pushed events kept in memory),
 * then the live ones, with no event lost or repeated at the hand-over: the hand-over happens under
 * the same lock the tail publishes under, at a position both sides agree on.
 *
 * <p>Each subscription delivers on a shared pool through its own bounded queue, so a slow client
 * delays nobody else; a subscription whose queue overflows is cut off ({@link FeedListener#onCutOff}).
 *
 * <p>Memory: the ring of recent events is bounded by count ({@code retained-events}) and by weight
 * ({@code retained-weight}, characters of the events' messages, {@link FeedEvent#weight()}); each
 * subscription's queue likewise ({@code queue-limit}, {@code queue-weight}; one event always fits, however
 * large). So what the feed holds is at most the ring plus one queue bound per subscription, however many
 * readers stall and however fast events come.
 */
@Component
public class EventFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

    /** Most events pushed after one flush of the store. */
    private static final int BURST = 1_000;

    private final EventStore eventStore;
    private final MongoStore store;
    private final int retained;
    private final long retainedWeight;
    private final int queueLimit;
    private final long queueWeight;
    private final Duration catchUpWait;
    private final ExecutorService deliveries;
    private final Object lock = new Object();
    /** The last pushed events, oldest first: at most {@code retained} of them and {@code retainedWeight} in all. */
    private final Deque<FeedEvent> recent = new ArrayDeque<>();
    /** The weight of {@link #recent} (guarded by {@link #lock}). */
    private long recentWeight;
    /** The weight queued in all subscriptions now, and the most one subscription ever had queued. */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong peakQueued = new AtomicLong();
    private final AtomicLong cutOffs = new AtomicLong();
    /** Every pushed event after this position is in {@link #recent} (guarded by {@link #lock}). */
    private long recentFrom;
    /** The last position the tail has passed (guarded by {@link #lock}). */
    private long position = -1;
    private final Map<String, Set<Subscription>> byChannel = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread tail;
    private BlockingStream<TrackedEventMessage<?>> stream;

    EventFeed(EventStore eventStore, MongoStore store,
              @Value("${beacon.feed.retained-events:10000}") int retained,
              @Value("${beacon.feed.retained-weight:16000000}") long retainedWeight,
              @Value("${beacon.feed.queue-limit:10000}") int queueLimit,
              @Value("${beacon.feed.queue-weight:1000000}") long queueWeight,
              @Value("${beacon.feed.catch-up-wait:PT30S}") Duration catchUpWait,
              @Value("${beacon.feed.delivery-threads:16}") int deliveryThreads) {
        this.eventStore = eventStore;
        this.store = store;
        this.retained = retained;
        this.retainedWeight = retainedWeight;
        this.queueLimit = queueLimit;
        this.queueWeight = queueWeight;
        this.catchUpWait = catchUpWait;
        // A send to a slow client can hold a thread for up to the send time limit: enough threads
        // that a few such clients do not hold up everyone's deliveries.
        this.deliveries = Executors.newFixedThreadPool(deliveryThreads, r -> {
            Thread thread = new Thread(r, "feed-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Subscribes {@code listener} to {@code channel}: with {@code since} null, to the events stored
     * from now on; otherwise to every event of the channel after offset {@code since}, then the live
     * ones. Catching up runs on the calling thread and waits for a slow listener's queue to drain.
     */
    public FeedSubscription subscribe(String channel, Long since, FeedListener listener) {
        return subscribe(List.of(channel), since, listener);
    }

    /**
     * Subscribes {@code listener} to several channels through one queue, so their events arrive in
     * offset order and an event on more than one of them once; the listener is told the first of
     * {@code channels} the event is on.
     */
    public FeedSubscription subscribe(List<String> channels, Long since, FeedListener listener) {
        Subscription subscription = new Subscription(List.copyOf(channels), listener);
        long from = since == null ? Long.MAX_VALUE : since;
        while (true) {
            long upTo;
            List<FeedEvent> missed = null;
            synchronized (lock) {
                if (from >= recentFrom || from >= position) {
                    missed = new ArrayList<>();
                    long weight = 0;
                    for (FeedEvent event : recent) {
                        if (event.offset() > from && subscription.wants(event)) {
                            missed.add(event);
                            weight += event.weight();
                        }
                    }
                    if (subscription.roomFor(missed.size(), weight)) {
                        // The hand-over: the missed events and the live ones after them, nothing in between.
                        missed.forEach(event -> subscription.enqueue(event, false));
                        for (String channel : channels) {
                            byChannel.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(subscription);
                        }
                        return subscription;
                    }
                    // More than one queue holds (the ring is bounded larger than a queue): delivered
                    // outside the lock, waiting for room as a replay from the store does; then again.
                }
                upTo = position;
            }
            if (missed != null) {
                for (FeedEvent event : missed) {
                    subscription.enqueue(event, true);
                }
                from = upTo;
            } else {
                from = replay(from, upTo, subscription);
            }
            if (subscription.cancelled) {
                return subscription;
            }
        }
    }

    /** Delivers the subscription's stored events in (from, upTo]; answers the position reached. */
    private long replay(long from, long upTo, Subscription subscription) {
        try (BlockingStream<TrackedEventMessage<?>> replay = eventStore.openStream(new GlobalSequenceTrackingToken(from))) {
            long reached = from;
            while (reached < upTo && !subscription.cancelled && replay.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> message = replay.nextAvailable();
                long offset = FeedEvents.offsetOf(message.trackingToken());
                if (offset > upTo) {
                    break;
                }
                reached = offset;
                FeedEvents.of(message, subscription::wantsAny)
                        .ifPresent(event -> subscription.enqueue(event, true));
            }
            // Nothing more readable up to upTo: the rest were gaps the tail passed over too.
            return Math.max(reached, upTo);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscription.cancel();
            return upTo;
        }
    }

    private void publish(TrackedEventMessage<?> message) {
        long offset = FeedEvents.offsetOf(message.trackingToken());
        Optional<FeedEvent> pushed = FeedEvents.of(message);
        synchronized (lock) {
            position = offset;
            if (pushed.isEmpty()) {
                return;
            }
            FeedEvent event = pushed.get();
            recent.addLast(event);
            recentWeight += event.weight();
            while (recent.size() > retained || (recentWeight > retainedWeight && recent.size() > 1)) {
                FeedEvent dropped = recent.removeFirst();
                recentWeight -= dropped.weight();
                recentFrom = dropped.offset();
            }
            Set<Subscription> targets = new LinkedHashSet<>();
            for (String channel : event.channels()) {
                Set<Subscription> subscriptions = byChannel.get(channel);
                if (subscriptions != null) {
                    targets.addAll(subscriptions);
                }
            }
            targets.forEach(subscription -> subscription.enqueue(event, false));
        }
    }

    private void run() {
        while (running) {
            try {
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    // What is pushed is on disk first: a push lost in a crash would be an offset the client
                    // holds for an event the restarted store no longer has (and will give to another one).
                    List<TrackedEventMessage<?>> burst = new ArrayList<>();
                    burst.add(stream.nextAvailable());
                    while (burst.size() < BURST && stream.hasNextAvailable()) {
                        burst.add(stream.nextAvailable());
                    }
                    store.flush();
                    burst.forEach(this::publish);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Event feed: reading the event store failed, reopening after {}", position, e);
                reopen();
            }
        }
    }

    private void reopen() {
        try {
            stream.close();
        } catch (RuntimeException ignored) {
            // Already broken.
        }
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long after;
        synchronized (lock) {
            after = position;
        }
        stream = eventStore.openStream(after < 0 ? null : new GlobalSequenceTrackingToken(after));
    }

    @Override
    public void start() {
        TrackingToken head = eventStore.createHeadToken();
        synchronized (lock) {
            position = head == null ? -1 : FeedEvents.offsetOf(head);
            recentFrom = position;
        }
        stream = eventStore.openStream(head);
        running = true;
        tail = new Thread(this::run, "event-feed");
        tail.setDaemon(true);
        tail.start();
    }

    @Override
    public void stop() {
        running = false;
        if (tail != null) {
            tail.interrupt();
            try {
                tail.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stream != null) {
            stream.close();
        }
        deliveries.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A subscription to one or more channels: its own queue, drained in order on the shared pool. */
    private final class Subscription implements FeedSubscription {

        private final List<String> channels;
        private final FeedListener listener;
        private final Deque<FeedEvent> queue = new ArrayDeque<>();
        /** The weight of {@link #queue} (guarded by this). */
        private long queueWeightNow;
        private boolean draining;
        private volatile boolean cancelled;

        Subscription(List<String> channels, FeedListener listener) {
            this.channels = channels;
            this.listener = listener;
        }

        @Override
        public String channel() {
            return channels.get(0);
        }

        boolean wants(FeedEvent event) {
            return wantsAny(event.channels());
        }

        /** Whether an event pushed on {@code eventChannels} is for this subscription. */
        boolean wantsAny(List<String> eventChannels) {
            for (String channel : channels) {
                if (eventChannels.contains(channel)) {
                    return true;
                }
            }
            return false;
        }

        private String channelOf(FeedEvent event) {
            for (String channel : channels) {
                if (event.channels().contains(channel)) {
                    return channel;
                }
            }
            return channel();
        }

        /** Queues an event; catching up waits for room, live publishing cuts a full subscriber off. */
        void enqueue(FeedEvent event, boolean wait) {
            synchronized (this) {
                long deadline = System.nanoTime() + catchUpWait.toNanos();
                while (wait && !fits(event) && !cancelled && System.nanoTime() < deadline) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                if (cancelled) {
                    return;
                }
                if (!fits(event)) {
                    cutOff();
                    return;
                }
                queue.addLast(event);
                queueWeightNow += event.weight();
                queued.addAndGet(event.weight());
                peakQueued.accumulateAndGet(queueWeightNow, Math::max);
                if (draining) {
                    return;
                }
                draining = true;
            }
            deliveries.execute(this::drain);
        }

        private void drain() {
            while (true) {
                FeedEvent next;
                synchronized (this) {
                    next = cancelled ? null : queue.pollFirst();
                    if (next != null) {
                        queueWeightNow -= next.weight();
                        queued.addAndGet(-next.weight());
                    }
                    if (next == null) {
                        draining = false;
                        notifyAll();
                        return;
                    }
                    notifyAll();
                }
                try {
                    listener.onEvent(channelOf(next), next);
                } catch (RuntimeException e) {
                    log.warn("Event feed: a listener of {} failed; it is unsubscribed", channels, e);
                    cancel();
                }
            }
        }

        /** Room for {@code count} more events of {@code weight} at once, within both bounds. */
        synchronized boolean roomFor(int count, long weight) {
            return count == 0 || (queue.isEmpty() && count == 1)
                    || (queue.size() + count <= queueLimit && queueWeightNow + weight <= queueWeight);
        }

        /** Room for the event: within both bounds, or the queue is empty (one event always fits). */
        private boolean fits(FeedEvent event) {
            return queue.isEmpty()
                    || (queue.size() < queueLimit && queueWeightNow + event.weight() <= queueWeight);
        }

        private void cutOff() {
            int behind;
            long weight;
            synchronized (this) {
                behind = queue.size();
                weight = queueWeightNow;
            }
            cancel();
            cutOffs.incrementAndGet();
            log.info("Event feed: a subscriber of {} fell behind ({} events, weight {}) and was cut off",
                    channels, behind, weight);
            deliveries.execute(() -> listener.onCutOff(channel()));
        }

        @Override
        public void cancel() {
            cancelled = true;
            for (String channel : channels) {
                Set<Subscription> subscriptions = byChannel.get(channel);
                if (subscriptions != null) {
                    subscriptions.remove(this);
                }
            }
            synchronized (this) {
                queue.clear();
                queued.addAndGet(-queueWeightNow);
                queueWeightNow = 0;
                notifyAll();
            }
        }
    }

    /**
     * The last position the tail has passed: a subscription with this as {@code since} gets every
     * event stored after this moment (and perhaps a few stored just before, not yet passed).
     */
    public long position() {
        synchronized (lock) {
            return position;
        }
    }

    /** The weight queued for delivery in all subscriptions now. */
    public long queuedWeight() {
        return queued.get();
    }

    /** The most any one subscription has had queued since start: at most {@code queue-weight} + one event. */
    public long peakQueuedWeight() {
        return peakQueued.get();
    }

    /** The events kept for resume and their weight: at most {@code retained-events} and {@code retained-weight}. */
    public long retainedEvents() {
        synchronized (lock) {
            return recent.size();
        }
    }

    public long retainedWeight() {
        synchronized (lock) {
            return recentWeight;
        }
    }

    /** Subscriptions cut off for falling behind, since start. */
    public long cutOffs() {
        return cutOffs.get();
    }

    /** For tests: the channels with subscribers on this node. */
    List<String> subscribedChannels() {
        return byChannel.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }
}

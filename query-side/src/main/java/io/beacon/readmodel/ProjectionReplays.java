package io.beacon.readmodel;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.projection.EventTimes;
import io.beacon.projection.ProjectionAdmin;
import io.beacon.projection.command.FinishProjectionReplay;
import io.beacon.projection.command.RecordProjectionReplayProgress;
import io.beacon.projection.command.StartProjectionReplay;
import io.beacon.projection.value.ProjectionStatus;
import io.beacon.projection.value.ReplayId;
import io.beacon.projection.value.ReplayPhase;
import io.beacon.projection.value.ReplayProgress;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Blue/green replays of read models. A replay builds the next generation of a read model's collections
 * with a processor of its own, from the first event, while the live processor keeps the active
 * generation current and every read goes to that one. Once the replay has caught up, the switch:
 * <ol>
 *   <li>the live processor stops here and its segments are claimed, so no node moves it on;</li>
 *   <li>the replay processor runs up to where the live one stopped, then stops;</li>
 *   <li>its token becomes the live processor's token, and the new generation the active one (one write,
 *       {@link ReadModelGenerations#activate});</li>
 *   <li>the live processor starts again, now writing the new generation; the old one is dropped after a
 *       grace period, so reads that opened it just before the switch still finish.</li>
 * </ol>
 * Reads never see a partial model: before the switch they read the complete old generation, after it the
 * new one, which holds every event the old one held. Progress is recorded as events of a
 * ProjectionReplay aggregate (so the {@code system_status} channel pushes it and the audit trail keeps who
 * replayed what), every few seconds, and passed to local watchers every tick.
 *
 * <p>A replay under way when its node stops goes on from its token when the node starts again.
 */
public class ProjectionReplays implements ProjectionAdmin, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private static final String REPLAY_PREFIX = "replay:";
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private final ReadModelGenerations generations;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final EventStore eventStore;
    private final EventTimes eventTimes;
    private final TransactionManager transactionManager;
    private final CommandGateway commands;
    private final MongoDatabaseFactory factory;
    private final MongoConverter converter;
    private final TrackingTokens tokens;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final List<Consumer<ReplayProgress>> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-replays");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    /**
     * @param batchSize      events per batch of a replay processor (one token update each)
     * @param tick           how often progress is measured and watchers told
     * @param recordEvery    how often progress is recorded as an event (pushed on {@code system_status})
     * @param grace          how long the replaced generation is kept for reads that opened it before the switch
     * @param switchDistance how close to the store's head the replay must be to switch
     */
    public record Settings(int batchSize, Duration tick, Duration recordEvery, Duration grace, long switchDistance) {
    }

    public ProjectionReplays(ReadModelGenerations generations, EventProcessingConfiguration processing,
                             TokenStore tokenStore, EventStore eventStore, EventTimes eventTimes,
                             TransactionManager transactionManager, CommandGateway commands,
                             MongoDatabaseFactory factory, MongoConverter converter,
                             org.axonframework.serialization.Serializer tokenSerializer, Settings settings, Clock clock) {
        this.generations = generations;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.eventStore = eventStore;
        this.eventTimes = eventTimes;
        this.transactionManager = transactionManager;
        this.commands = commands;
        this.factory = factory;
        this.converter = converter;
        this.tokens = new TrackingTokens(factory, tokenSerializer);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<ProjectionStatus> list() {
        long head = headPosition();
        Instant now = clock.instant();
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (Map.Entry<String, EventProcessor> entry : new java.util.TreeMap<>(processing.eventProcessors()).entrySet()) {
            String name = entry.getKey();
            List<TrackingTokens.Segment> segments = tokens.segments(name);
            long position = segments.stream().mapToLong(TrackingTokens.Segment::position).min().orElse(0);
            long lag = Math.max(0, head - position);
            Replay replay = replays.get(name);
            boolean replayable = generations.definition(name).isPresent();
            statuses.add(new ProjectionStatus(name, status(entry.getValue(), replay, segments, lag, now), replayable,
                    replayable ? generations.active(name) : 0, position, head, lag, lagSeconds(position, lag, now),
                    replay == null ? null : replay.progress()));
        }
        return statuses;
    }

    @Override
    public ReplayProgress startReplay(String projection, String requestedBy) {
        ProjectionDefinition definition = generations.definition(projection).orElseThrow(() -> new BeaconException(
                ErrorCode.NOT_FOUND, "no projection named " + projection + " can be replayed"));
        Replay current = replays.get(projection);
        if (current != null && !current.phase.finished()) {
            throw new BeaconException(ErrorCode.CONFLICT, "a replay of " + projection + " is already under way");
        }
        ReplayId id = ReplayId.random();
        int generation = generations.reserve(projection, id.value());
        try {
            // A new generation starts from the first event: no token or collection of an earlier replay may remain.
            tokens.delete(REPLAY_PREFIX + projection);
            generations.drop(projection, generation);
            long head = headPosition();
            commands.sendAndWait(new StartProjectionReplay(id, projection, generation, head, requestedBy));
            Replay replay = new Replay(id, definition, generation, clock.instant());
            replays.put(projection, replay);
            replay.begin();
            log.info("replay {} of {} into generation {} started by {}", id, projection, generation, requestedBy);
            return replay.progress();
        } catch (RuntimeException e) {
            generations.abandon(projection);
            throw e;
        }
    }

    @Override
    public Optional<ReplayProgress> replay(String projection) {
        return Optional.ofNullable(replays.get(projection)).map(Replay::progress);
    }

    @Override
    public AutoCloseable watch(Consumer<ReplayProgress> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    /** Resumes the replays this store has under way, and drops generations left over by earlier ones. */
    @Override
    public void start() {
        running = true;
        for (ProjectionDefinition definition : generations.definitions()) {
            ReadModelGenerations.State state = generations.state(definition.name());
            generations.dropLeftovers(definition.name());
            if (state.building() != null && state.replayId() != null) {
                Replay replay = new Replay(ReplayId.of(state.replayId()), definition, state.building(), clock.instant());
                replays.put(definition.name(), replay);
                log.info("resuming replay {} of {} into generation {}", state.replayId(), definition.name(),
                        state.building());
                replay.begin();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        for (Replay replay : replays.values()) {
            replay.processor.shutDown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the event processors (which start in phase Integer.MAX_VALUE / 2), stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2 + 100;
    }

    private String status(EventProcessor processor, Replay replay, List<TrackingTokens.Segment> segments, long lag,
                          Instant now) {
        if (replay != null && !replay.phase.finished()) {
            return "replaying";
        }
        if (processor instanceof StreamingEventProcessor streaming) {
            if (streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                return "error";
            }
            if (lag > 0 && streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying)) {
                // A processor new to the code base, catching up from the first event (or one reset in place).
                // Axon ends its replay state only with the first event past the head it started at: caught up,
                // it is running.
                return "replaying";
            }
            if (streaming.isRunning()) {
                return "running";
            }
        }
        return segments.stream().anyMatch(s -> s.claimedWithin(CLAIM_TIMEOUT, now)) ? "running" : "stopped";
    }

    /** Age of the oldest event the processor has not handled yet. */
    private double lagSeconds(long position, long lag, Instant now) {
        if (lag == 0) {
            return 0;
        }
        return eventTimes.storedAt(position + 1)
                .map(storedAt -> Math.max(0, Duration.between(storedAt, now).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private void tell(ReplayProgress progress) {
        for (Consumer<ReplayProgress> watcher : watchers) {
            try {
                watcher.accept(progress);
            } catch (RuntimeException e) {
                log.warn("a replay watcher failed: {}", e.toString());
            }
        }
    }

    /** One replay: its processor, and where it stands. Ticks run on the one ticker thread. */
    private final class Replay {

        private final ReplayId id;
        private final ProjectionDefinition definition;
        private final int generation;
        private final Instant startedAt;
        private final String processorName;
        private final TrackingEventProcessor processor;
        private final Deque<long[]> samples = new ArrayDeque<>();
        private volatile ReplayPhase phase = ReplayPhase.BUILDING;
        private volatile long position;
        private volatile long head;
        private volatile double rate;
        private volatile Long eta;
        private volatile Instant finishedAt;
        private volatile String error;
        private Instant lastRecorded;
        private int failedClaims;

        Replay(ReplayId id, ProjectionDefinition definition, int generation, Instant startedAt) {
            this.id = id;
            this.definition = definition;
            this.generation = generation;
            this.startedAt = startedAt;
            this.lastRecorded = startedAt;
            this.processorName = REPLAY_PREFIX + definition.name();
            MongoTemplate target = ReadModelRouting.forGeneration(factory, converter, definition, generation);
            definition.indexes().accept(target);
            List<Object> handlers = definition.handlers().apply(target, SimpleQueryUpdateEmitter.builder().build());
            SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                    .eventHandlers(handlers)
                    .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                    .build();
            this.processor = TrackingEventProcessor.builder()
                    .name(processorName)
                    .eventHandlerInvoker(invoker)
                    .messageSource(eventStore)
                    .tokenStore(tokenStore)
                    .transactionManager(transactionManager)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                            .forSingleThreadedProcessing()
                            .andBatchSize(settings.batchSize())
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .build();
        }

        void begin() {
            head = headPosition();
            // A resumed replay stands where its token does until its processor holds the token again (after a
            // crash, only once the dead node's claim has timed out): progress and rate count from there, not 0.
            position = tokens.segments(processorName).stream().mapToLong(TrackingTokens.Segment::position).min().orElse(0);
            processor.start();
            ticker.scheduleWithFixedDelay(this::tick, settings.tick().toMillis(), settings.tick().toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        ReplayProgress progress() {
            long total = Math.max(head, position);
            return new ReplayProgress(id, definition.name(), generation, phase, position, head, position, total, rate,
                    eta, startedAt, finishedAt, error);
        }

        private void tick() {
            if (phase.finished()) {
                throw new CancellationSignal();
            }
            try {
                measure();
                if (phase == ReplayPhase.BUILDING && head - position <= settings.switchDistance()) {
                    phase = ReplayPhase.SWITCHING;
                    tell(progress());
                    switchOver();
                }
                tell(progress());
                record(false);
            } catch (CancellationSignal e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn("replay {} of {}: {}", id, definition.name(), e.toString());
            }
        }

        private void measure() {
            head = headPosition();
            position = replayPosition().orElse(position);
            long now = System.nanoTime();
            // A sample per move of the position (it moves a batch at a time, seconds apart on a slow replay), the
            // oldest kept the last one at least a window old, and never fewer than two: the rate spans the window,
            // and between two batches it eases down rather than reading 0 (no rate, no ETA) until the next lands.
            if (samples.isEmpty() || samples.peekLast()[1] != position) {
                samples.addLast(new long[]{now, position});
            }
            while (samples.size() > 2 && now - secondOldest()[0] >= RATE_WINDOW.toNanos()) {
                samples.removeFirst();
            }
            long[] first = samples.peekFirst();
            double seconds = (now - first[0]) / 1e9;
            rate = seconds > 0 ? (position - first[1]) / seconds : 0;
            eta = rate > 0 ? (long) Math.ceil((head - position) / rate) : null;
        }

        private long[] secondOldest() {
            Iterator<long[]> oldestFirst = samples.iterator();
            oldestFirst.next();
            return oldestFirst.next();
        }

        private OptionalLong replayPosition() {
            return processor.processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong)
                    .min();
        }

        /** Records progress as an event every {@code recordEvery}, and always when {@code now}. */
        private void record(boolean now) {
            if (phase.finished()) {
                // Its end is recorded by FinishProjectionReplay; the aggregate takes no progress after it.
                return;
            }
            Instant at = clock.instant();
            if (!now && Duration.between(lastRecorded, at).compareTo(settings.recordEvery()) < 0) {
                return;
            }
            lastRecorded = at;
            ReplayProgress p = progress();
            commands.send(new RecordProjectionReplayProgress(id, p.phase(), p.position(), p.head(), p.processed(),
                    p.total(), p.eventsPerSecond(), p.etaSeconds())).exceptionally(e -> {
                log.warn("could not record the progress of replay {}: {}", id, e.toString());
                return null;
            });
        }

        private void switchOver() {
            String name = definition.name();
            Optional<StreamingEventProcessor> live = processing.eventProcessor(name, StreamingEventProcessor.class);
            live.ifPresent(StreamingEventProcessor::shutDown);
            List<Integer> claimed = new ArrayList<>();
            try {
                for (int segment : tokenStore.fetchSegments(name)) {
                    tokenStore.fetchToken(name, segment);
                    claimed.add(segment);
                }
            } catch (UnableToClaimTokenException e) {
                release(name, claimed);
                live.ifPresent(StreamingEventProcessor::start);
                phase = ReplayPhase.BUILDING;
                if (++failedClaims > 30) {
                    fail("the live processor of " + name + " is held by another node; run the replay there");
                }
                return;
            }
            try {
                long livePosition = claimed.stream().map(segment -> {
                    TrackingToken token = tokenStore.fetchToken(name, segment);
                    return token == null ? 0L : token.position().orElse(0);
                }).mapToLong(Long::longValue).min().orElse(0);
                awaitReplayAt(livePosition, name, claimed);
                processor.shutDown();
                TrackingToken replayed = tokenStore.fetchToken(processorName, 0);
                // The new generation answers before the live processor is moved on to the replay's token: a
                // crash in between leaves it at its own, older token, and it handles again in the new generation
                // events the replay handled already, which changes nothing. The other order could skip events.
                generations.activate(name, generation);
                for (int segment : claimed) {
                    tokenStore.storeToken(replayed, name, segment);
                }
                if (claimed.isEmpty()) {
                    tokenStore.initializeTokenSegments(name, 1, replayed);
                }
                position = replayed == null ? position : replayed.position().orElse(position);
                release(name, claimed);
                tokenStore.deleteToken(processorName, 0);
            } catch (RuntimeException e) {
                release(name, claimed);
                live.ifPresent(StreamingEventProcessor::start);
                fail("switching over failed: " + e);
                return;
            }
            live.ifPresent(StreamingEventProcessor::start);
            phase = ReplayPhase.COMPLETED;
            finishedAt = clock.instant();
            eta = 0L;
            log.info("replay {} of {}: generation {} answers from position {}", id, name, generation, position);
            commands.send(new FinishProjectionReplay(id, position, position, null));
            ticker.schedule(() -> dropReplaced(name), settings.grace().toMillis(), TimeUnit.MILLISECONDS);
        }

        private void awaitReplayAt(long livePosition, String name, List<Integer> claimed) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long extendAt = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (replayPosition().orElse(0) < livePosition) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replay did not reach position " + livePosition);
                }
                if (System.nanoTime() > extendAt) {
                    claimed.forEach(segment -> tokenStore.extendClaim(name, segment));
                    extendAt = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
                sleep(20);
            }
        }

        private void release(String name, List<Integer> claimed) {
            for (int segment : claimed) {
                try {
                    tokenStore.releaseClaim(name, segment);
                } catch (RuntimeException e) {
                    log.warn("could not release segment {} of {}: {}", segment, name, e.toString());
                }
            }
        }

        private void fail(String reason) {
            error = reason;
            phase = ReplayPhase.FAILED;
            finishedAt = clock.instant();
            log.warn("replay {} of {} failed: {}", id, definition.name(), reason);
            processor.shutDown();
            generations.abandon(definition.name());
            try {
                tokenStore.fetchToken(processorName, 0);
                tokenStore.deleteToken(processorName, 0);
            } catch (RuntimeException e) {
                log.debug("no replay token to delete: {}", e.toString());
            }
            generations.dropLeftovers(definition.name());
            commands.send(new FinishProjectionReplay(id, position, position, reason));
            tell(progress());
        }

        private void dropReplaced(String name) {
            try {
                generations.dropLeftovers(name);
            } catch (RuntimeException e) {
                log.warn("could not drop the replaced generation of {}: {}", name, e.toString());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Thrown from a finished replay's tick to end its schedule. */
    private static final class CancellationSignal extends RuntimeException {
        CancellationSignal() {
            super(null, null, false, false);
        }
    }
}

package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.projection.ProjectionAdmin;
import io.beacon.projection.value.ProjectionStatus;
import io.beacon.projection.value.ReplayPhase;
import io.beacon.projection.value.ReplayProgress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code replay <projection>}: starts a blue/green replay in this process and follows it to its end. The
 * watcher is registered before the replay starts, so no tick is missed; when none comes for
 * {@link #QUIET} the replay is asked where it stands (a tick lost to a failing listener does not stall the
 * bar). A replay of the projection already under way (one a stopped Beacon left, resumed at this start) is
 * followed instead of refused.
 */
final class ReplayRunner {

    static final Duration QUIET = Duration.ofSeconds(2);

    private final ProjectionAdmin admin;
    private final ProgressReporter progress;
    private final PrintStream out;
    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final Duration quiet;

    ReplayRunner(ProjectionAdmin admin, ProgressReporter progress, PrintStream out, PrintStream err,
                 LongSupplier nanoTime) {
        this(admin, progress, out, err, nanoTime, QUIET);
    }

    ReplayRunner(ProjectionAdmin admin, ProgressReporter progress, PrintStream out, PrintStream err,
                 LongSupplier nanoTime, Duration quiet) {
        this.admin = admin;
        this.progress = progress;
        this.out = out;
        this.err = err;
        this.nanoTime = nanoTime;
        this.quiet = quiet;
    }

    int run(String projection) throws Exception {
        long started = nanoTime.getAsLong();
        BlockingQueue<ReplayProgress> ticks = new LinkedBlockingQueue<>();
        try (AutoCloseable ignored = admin.watch(tick -> {
            if (projection.equals(tick.projection())) {
                ticks.add(tick);
            }
        })) {
            ReplayProgress current;
            try {
                current = admin.startReplay(projection, CliActor.EMAIL);
                out.println("replaying " + projection + " into generation " + current.generation() + " ("
                        + CliActor.NAME + ", replay " + current.replayId() + ")");
            } catch (BeaconException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    err.println(e.getMessage() + "; replayable projections: " + replayable());
                    return BeaconCli.EXIT_USAGE;
                }
                Optional<ReplayProgress> underWay = e.code() == ErrorCode.CONFLICT ? admin.replay(projection)
                        .filter(replay -> !replay.phase().finished()) : Optional.empty();
                if (underWay.isEmpty()) {
                    throw e;
                }
                current = underWay.get();
                out.println("a replay of " + projection + " is already under way (replay " + current.replayId()
                        + "); following it");
            }
            while (!current.phase().finished()) {
                progress.update(view(current));
                ReplayProgress next = ticks.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    next = admin.replay(projection).orElse(current);
                }
                if (next.replayId().equals(current.replayId())) {
                    current = next;
                }
            }
            long elapsed = nanoTime.getAsLong() - started;
            progress.finish(view(current).averagedOver(elapsed));
            String took = ProgressFormat.elapsed(elapsed);
            if (current.phase() == ReplayPhase.FAILED) {
                err.println("replay of " + projection + " failed after " + took + ": " + current.error()
                        + " (the live read model is unchanged)");
                return BeaconCli.EXIT_FAILED;
            }
            out.println("replayed " + projection + ": " + ProgressFormat.count(current.processed()) + " events in "
                    + took + "; generation " + current.generation() + " now answers");
            return BeaconCli.EXIT_OK;
        }
    }

    private String replayable() {
        String names = admin.list().stream().filter(ProjectionStatus::replayable).map(ProjectionStatus::name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    static Progress view(ReplayProgress replay) {
        boolean done = replay.phase() == ReplayPhase.COMPLETED;
        Double rate = replay.eventsPerSecond() > 0 ? replay.eventsPerSecond() : null;
        Long eta = done ? Long.valueOf(0) : replay.etaSeconds();
        String state = replay.phase() == ReplayPhase.SWITCHING || replay.phase() == ReplayPhase.FAILED
                ? replay.phase().wireName() : null;
        return new Progress(replay.processed(), replay.total(), Progress.Unit.EVENTS, replay.percent(), rate, eta,
                state);
    }
}

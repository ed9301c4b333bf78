package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.projection.ProjectionAdmin;
import io.beacon.projection.value.ProjectionStatus;
import io.beacon.projection.value.ReplayId;
import io.beacon.projection.value.ReplayPhase;
import io.beacon.projection.value.ReplayProgress;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link ProjectionAdmin} that knows the projections {@code companies} and {@code contacts} and plays a
 * scripted list of ticks to its watchers when a replay starts (on the starting thread, so a test is
 * deterministic). {@link #replay} answers the next of {@link #readings} while there are any (and keeps it as
 * {@link #current}), then {@link #current}.
 */
final class FakeProjectionAdmin implements ProjectionAdmin {

    static final Instant STARTED = Instant.parse("2026-11-30T10:00:00Z");

    final List<Consumer<ReplayProgress>> watchers = new CopyOnWriteArrayList<>();
    final List<String> requestedBy = new ArrayList<>();
    final List<ReplayProgress> script = new ArrayList<>();
    ReplayId replayId = ReplayId.random();
    final Deque<ReplayProgress> readings = new ArrayDeque<>();
    ReplayProgress current;
    BeaconException refusal;

    static ReplayProgress tick(ReplayId id, String projection, ReplayPhase phase, long processed, long total,
                               double rate, Long eta, String error) {
        return new ReplayProgress(id, projection, 2, phase, processed, total, processed, total, rate, eta, STARTED,
                phase.finished() ? STARTED.plusSeconds(60) : null, error);
    }

    ReplayProgress tick(ReplayPhase phase, long processed, long total, double rate, Long eta) {
        return tick(replayId, "companies", phase, processed, total, rate, eta, null);
    }

    @Override
    public List<ProjectionStatus> list() {
        return List.of(status("companies", true), status("contacts", true), status("uploads", false));
    }

    private static ProjectionStatus status(String name, boolean replayable) {
        return new ProjectionStatus(name, "running", replayable, 1, 10, 10, 0, 0, null);
    }

    @Override
    public ReplayProgress startReplay(String projection, String requestedBy) {
        if (refusal != null) {
            throw refusal;
        }
        if (list().stream().noneMatch(p -> p.name().equals(projection) && p.replayable())) {
            throw new BeaconException(ErrorCode.NOT_FOUND, "no projection named " + projection + " can be replayed");
        }
        this.requestedBy.add(requestedBy);
        current = tick(ReplayPhase.BUILDING, 0, 1_000, 0, null);
        for (ReplayProgress progress : script) {
            current = progress.replayId().equals(replayId) ? progress : current;
            watchers.forEach(watcher -> watcher.accept(progress));
        }
        return tick(ReplayPhase.BUILDING, 0, 1_000, 0, null);
    }

    @Override
    public Optional<ReplayProgress> replay(String projection) {
        if (!readings.isEmpty()) {
            current = readings.poll();
        }
        return Optional.ofNullable(current).filter(p -> p.projection().equals(projection));
    }

    @Override
    public AutoCloseable watch(Consumer<ReplayProgress> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }
}

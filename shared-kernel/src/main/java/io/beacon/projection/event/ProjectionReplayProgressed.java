package io.beacon.projection.event;

import io.beacon.projection.value.ReplayId;
import io.beacon.projection.value.ReplayPhase;

/** A replay's progress, recorded every few seconds while it runs. */
public record ProjectionReplayProgressed(ReplayId replayId, String projection, int generation, ReplayPhase phase,
                                         long position, long head, long processed, long total,
                                         double eventsPerSecond, Long etaSeconds) {
}

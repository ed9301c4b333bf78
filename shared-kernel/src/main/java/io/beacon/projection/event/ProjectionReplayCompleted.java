package io.beacon.projection.event;

import io.beacon.projection.value.ReplayId;

/** The rebuilt read model (generation {@code generation}) replaced the live one, caught up to {@code position}. */
public record ProjectionReplayCompleted(ReplayId replayId, String projection, int generation, long position,
                                        long processed) {
}

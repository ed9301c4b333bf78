package io.beacon.projection.event;

import io.beacon.projection.value.ReplayId;

/** A replay stopped before replacing the live read model, which stays as it was. */
public record ProjectionReplayFailed(ReplayId replayId, String projection, int generation, long position,
                                     String error) {
}

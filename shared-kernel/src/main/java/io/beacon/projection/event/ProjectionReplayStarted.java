package io.beacon.projection.event;

import io.beacon.projection.value.ReplayId;

/** A replay of {@code projection} into generation {@code generation} began, with the store at {@code head}. */
public record ProjectionReplayStarted(ReplayId replayId, String projection, int generation, long head,
                                      String requestedBy) {
}

package io.beacon.projection.command;

import io.beacon.projection.value.ReplayId;
import io.beacon.projection.value.ReplayPhase;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A replay's progress: handled up to {@code position} of {@code head}, at a rate, with the time left. */
public record RecordProjectionReplayProgress(@TargetAggregateIdentifier ReplayId replayId, ReplayPhase phase,
                                             long position, long head, long processed, long total,
                                             double eventsPerSecond, Long etaSeconds) {
}

package io.beacon.projection.command;

import io.beacon.projection.value.ReplayId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a replay of {@code projection} into read-model generation {@code generation} begins. */
public record StartProjectionReplay(@TargetAggregateIdentifier ReplayId replayId, String projection, int generation,
                                    long head, String requestedBy) {
}

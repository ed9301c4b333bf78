package io.beacon.projection.command;

import io.beacon.projection.value.ReplayId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a replay: {@code error} null when the rebuilt model replaced the live one at {@code position},
 * else why it stopped (the live model is then left as it was).
 */
public record FinishProjectionReplay(@TargetAggregateIdentifier ReplayId replayId, long position, long processed,
                                     String error) {
}

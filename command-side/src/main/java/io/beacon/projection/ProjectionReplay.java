package io.beacon.projection;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.projection.command.FinishProjectionReplay;
import io.beacon.projection.command.RecordProjectionReplayProgress;
import io.beacon.projection.command.StartProjectionReplay;
import io.beacon.projection.event.ProjectionReplayCompleted;
import io.beacon.projection.event.ProjectionReplayFailed;
import io.beacon.projection.event.ProjectionReplayProgressed;
import io.beacon.projection.event.ProjectionReplayStarted;
import io.beacon.projection.value.ReplayId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The record of one replay of a projection: who started it, its progress and how it ended. The replay
 * itself runs in the query side; this keeps it in the event stream, where the audit trail and the
 * {@code system_status} channel find it. A finished replay takes no more progress.
 */
@Aggregate
class ProjectionReplay {

    @AggregateIdentifier
    private ReplayId replayId;
    private String projection;
    private int generation;
    private boolean finished;

    ProjectionReplay() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    ProjectionReplay(StartProjectionReplay command) {
        apply(new ProjectionReplayStarted(command.replayId(), command.projection(), command.generation(),
                command.head(), command.requestedBy()));
    }

    @CommandHandler
    void handle(RecordProjectionReplayProgress command) {
        requireUnfinished();
        apply(new ProjectionReplayProgressed(replayId, projection, generation, command.phase(), command.position(),
                command.head(), command.processed(), command.total(), command.eventsPerSecond(), command.etaSeconds()));
    }

    @CommandHandler
    void handle(FinishProjectionReplay command) {
        requireUnfinished();
        if (command.error() == null) {
            apply(new ProjectionReplayCompleted(replayId, projection, generation, command.position(), command.processed()));
        } else {
            apply(new ProjectionReplayFailed(replayId, projection, generation, command.position(), command.error()));
        }
    }

    private void requireUnfinished() {
        if (finished) {
            throw new BeaconException(ErrorCode.CONFLICT, "replay " + replayId + " of " + projection + " has ended");
        }
    }

    @EventSourcingHandler
    void on(ProjectionReplayStarted event) {
        replayId = event.replayId();
        projection = event.projection();
        generation = event.generation();
    }

    @EventSourcingHandler
    void on(ProjectionReplayCompleted event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(ProjectionReplayFailed event) {
        finished = true;
    }
}

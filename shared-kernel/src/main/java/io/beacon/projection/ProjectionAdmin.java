package io.beacon.projection;

import io.beacon.projection.value.ProjectionStatus;
import io.beacon.projection.value.ReplayProgress;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The projections as an operator sees them: their positions and lag, and blue/green replays. Implemented
 * by the query side; the gateway and the command line use it through this interface.
 */
public interface ProjectionAdmin {

    List<ProjectionStatus> list();

    /**
     * Starts rebuilding {@code projection} from the first event beside the live read model, which keeps
     * answering until the rebuilt one replaces it. Unknown or not replayable → {@code NOT_FOUND}; a replay
     * of it already under way → {@code CONFLICT} (as {@link io.beacon.common.BeaconException}).
     */
    ReplayProgress startReplay(String projection, String requestedBy);

    /** The replay of {@code projection} under way on this node, or the last one finished here. */
    Optional<ReplayProgress> replay(String projection);

    /**
     * Calls {@code listener} with every replay progress tick and phase change on this node, until closed.
     */
    AutoCloseable watch(Consumer<ReplayProgress> listener);
}

package io.beacon.projection.value;

/**
 * One event processor (projection) as {@code list_projections} shows it. {@code position}: the global
 * position of the last event it handled (the lowest over its segments); {@code lagEvents}: events
 * stored after it; {@code lagSeconds}: age of the oldest event it has not handled yet (0 when caught up).
 * {@code replayable}: a read model that {@code replay_projection} can rebuild; {@code replay}: the
 * replay under way or last finished on this node, null when none.
 */
public record ProjectionStatus(String name, String status, boolean replayable, int generation, long position,
                               long head, long lagEvents, double lagSeconds, ReplayProgress replay) {
}

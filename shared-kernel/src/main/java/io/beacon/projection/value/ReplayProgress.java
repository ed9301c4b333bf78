package io.beacon.projection.value;

import java.time.Instant;

/**
 * A replay as its node sees it: events processed of those to go, the rate over the last seconds and the
 * time left at that rate ({@code etaSeconds} null while unknown). Positions are global event positions.
 */
public record ReplayProgress(ReplayId replayId, String projection, int generation, ReplayPhase phase,
                             long position, long head, long processed, long total, double eventsPerSecond,
                             Long etaSeconds, Instant startedAt, Instant finishedAt, String error) {

    /** 0–100, rounded down; 100 only once the replay is complete. */
    public int percent() {
        if (phase == ReplayPhase.COMPLETED) {
            return 100;
        }
        if (total <= 0) {
            return 0;
        }
        return (int) Math.min(99, processed * 100 / total);
    }
}

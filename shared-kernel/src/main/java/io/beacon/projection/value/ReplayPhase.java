package io.beacon.projection.value;

import java.util.Locale;

/**
 * Where a replay stands. {@code BUILDING}: the new read model is being filled from the first event while
 * the live one answers; {@code SWITCHING}: caught up, the live model is being replaced; then one of the
 * two ends.
 */
public enum ReplayPhase {
    BUILDING, SWITCHING, COMPLETED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}

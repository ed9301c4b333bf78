package io.beacon.gateway.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The rate of a count over the last {@link #WINDOW} (so the ETA follows the current pace, not the start's)
 * and the time left at that rate. Unknown until the readings span {@link #MIN_SPAN}.
 */
final class RateMeter {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration MIN_SPAN = Duration.ofMillis(500);

    private record Reading(long nanos, long count) {
    }

    private final Deque<Reading> readings = new ArrayDeque<>();

    void record(long nanos, long count) {
        readings.addLast(new Reading(nanos, count));
        // The oldest reading kept is the last one at least a window old, so the span covers the whole window.
        while (readings.size() > 2 && nanos - secondOldest().nanos() >= WINDOW.toNanos()) {
            readings.removeFirst();
        }
    }

    private Reading secondOldest() {
        Iterator<Reading> oldestFirst = readings.iterator();
        oldestFirst.next();
        return oldestFirst.next();
    }

    /** Per second over the window; null while unknown. */
    Double perSecond() {
        if (readings.size() < 2) {
            return null;
        }
        Reading first = readings.getFirst();
        Reading last = readings.getLast();
        long span = last.nanos() - first.nanos();
        if (span < MIN_SPAN.toNanos()) {
            return null;
        }
        return (last.count() - first.count()) * 1e9 / span;
    }

    /** Whole seconds until {@code total} at the current rate (rounded up); null while unknown or stalled. */
    Long etaSeconds(long total) {
        Double rate = perSecond();
        if (readings.isEmpty()) {
            return null;
        }
        long left = Math.max(0, total - readings.getLast().count());
        if (left == 0) {
            return 0L;
        }
        if (rate == null || rate <= 0) {
            return null;
        }
        return (long) Math.ceil(left / rate);
    }
}

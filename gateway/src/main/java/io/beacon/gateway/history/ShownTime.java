package io.beacon.gateway.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Event times at the precision reads show them. The read models keep times as BSON dates
 * (milliseconds), so {@code get_company} shows an event's timestamp cut to the millisecond; a
 * past state shows and compares times the same way, so that an {@code updated_at} read from an answer
 * names the very state that answer showed, although the event itself was stamped a little later within
 * that millisecond.
 */
final class ShownTime {

    private ShownTime() {
    }

    /** The timestamp as reads show it. */
    static Instant shown(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Whether an event stamped {@code timestamp} had happened at {@code instant}, as reads show times. */
    static boolean atOrBefore(Instant timestamp, Instant instant) {
        return !shown(timestamp).isAfter(instant);
    }
}

package io.beacon.projection;

import java.time.Instant;
import java.util.Optional;

/**
 * When the event at a global position was stored: how old the oldest event a processor has not handled
 * yet is, its lag in seconds. Implemented by the event store, where one position is one index lookup.
 */
public interface EventTimes {

    Optional<Instant> storedAt(long position);
}

package io.beacon.gateway.ws;

import io.beacon.common.BeaconException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as clients write them: ISO-8601 with a zone or offset, or without one (then UTC), or
 * a bare date (its start, UTC).
 */
public final class WireTime {

    private WireTime() {
    }

    public static Instant parse(String field, String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not zoned; try the other accepted shapes
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a local date-time either
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw BeaconException.validation(field + " must be an ISO-8601 date or date-time, got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }
}

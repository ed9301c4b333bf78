package io.beacon.common;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the UUID identities ({@code CompanyId}, {@code ContactId}) share: the canonical, lower-case
 * form of a UUID string, and a fresh random one.
 */
public final class UuidIds {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private UuidIds() {
    }

    /** The trimmed, lower-cased UUID; a validation error naming {@code field} for anything else. */
    public static String canonical(String value, String field) {
        if (value == null || value.isBlank()) {
            throw BeaconException.validation(field + " must be a UUID");
        }
        String trimmed = value.trim();
        if (!UUID_SHAPE.matcher(trimmed).matches()) {
            throw BeaconException.validation(field + " must be a UUID, got '" + abbreviate(value) + "'");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** A new random UUID in canonical form. */
    public static String random() {
        return UUID.randomUUID().toString();
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}

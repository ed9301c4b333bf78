package io.beacon.company.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.BeaconException;

import java.util.UUID;

/**
 * A company's identity: a canonical, lower-case UUID string.
 */
public record CompanyId(String value) {

    private static final java.util.regex.Pattern UUID_SHAPE =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public CompanyId {
        value = canonical(value, "company_uuid");
    }

    @JsonCreator
    public static CompanyId of(String value) {
        return new CompanyId(value);
    }

    public static CompanyId random() {
        return new CompanyId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    public static String canonical(String value, String field) {
        if (value == null || value.isBlank()) {
            throw BeaconException.validation(field + " must be a UUID");
        }
        String trimmed = value.trim();
        if (!UUID_SHAPE.matcher(trimmed).matches()) {
            throw BeaconException.validation(field + " must be a UUID, got '" + abbreviate(value) + "'");
        }
        return trimmed.toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}

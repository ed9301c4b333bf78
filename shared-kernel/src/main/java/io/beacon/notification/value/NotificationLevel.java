package io.beacon.notification.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.BeaconException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a notification should be shown: {@code info}, {@code warning}, {@code error} or {@code success}
 * (its wire form, lower case).
 */
public enum NotificationLevel {
    INFO, WARNING, ERROR, SUCCESS;

    /** The level as it appears on the wire and in stored events. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level written {@code text} (exactly its wire form); a validation error naming the allowed ones otherwise. */
    @JsonCreator
    public static NotificationLevel of(String text) {
        for (NotificationLevel level : values()) {
            if (level.wire().equals(text)) {
                return level;
            }
        }
        throw BeaconException.validation("level must be one of " + Arrays.stream(values())
                .map(NotificationLevel::wire).collect(Collectors.joining(", ")) + ", got '"
                + (text != null && text.length() > 32 ? text.substring(0, 32) + "..." : text) + "'");
    }
}

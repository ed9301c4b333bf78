package io.beacon.company.value;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One field's transition, as recorded in an update event: the value before and after.
 * Values are plain JSON values (text, integer, list of text, or null).
 */
public record FieldChange(@JsonProperty("old") Object oldValue, @JsonProperty("new") Object newValue) {
}

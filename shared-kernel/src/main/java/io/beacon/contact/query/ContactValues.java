package io.beacon.contact.query;

import java.util.List;

/**
 * The values an attribute lookup found, in order.
 */
public record ContactValues(List<String> values) {
}

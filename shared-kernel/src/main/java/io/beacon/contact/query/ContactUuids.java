package io.beacon.contact.query;

import java.util.List;

/**
 * A list of contact UUIDs.
 */
public record ContactUuids(List<String> uuids) {
}

package io.beacon.contact.query;

import java.util.List;

/**
 * One page of contacts, and whether more follow it.
 */
public record ContactPage(List<ContactView> results, boolean hasMore) {
}

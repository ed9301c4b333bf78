package io.beacon.company.query;

import java.util.List;

/**
 * A list of company UUIDs.
 */
public record CompanyUuids(List<String> uuids) {
}

package io.beacon.company.query;

import java.util.List;

/**
 * One page of companies, and whether more follow it.
 */
public record CompanyPage(List<CompanyView> results, boolean hasMore) {
}

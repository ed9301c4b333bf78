package io.beacon.company.query;

import io.beacon.company.value.CompanyId;

/**
 * One company by identity; answers a {@link CompanyView}, or nothing when absent or deleted.
 * As a subscription query it also receives the tombstone view of a deletion.
 */
public record FindCompany(CompanyId companyId) {
}

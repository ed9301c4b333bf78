package io.beacon.company.event;

import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;

/**
 * A company came into being. {@code number} is its integer id, assigned in creation order.
 */
public record CompanyCreated(CompanyId companyId, long number, CompanyFields fields) {
}

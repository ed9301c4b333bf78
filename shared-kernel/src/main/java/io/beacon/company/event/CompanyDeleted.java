package io.beacon.company.event;

import io.beacon.company.value.CompanyId;

/**
 * A company was deleted. Its earlier events remain: history is never rewritten.
 */
public record CompanyDeleted(CompanyId companyId) {
}

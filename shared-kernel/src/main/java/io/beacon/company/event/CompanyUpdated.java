package io.beacon.company.event;

import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;

import java.util.Map;

/**
 * Some fields of a company changed. {@code changes} holds only the fields whose value differs,
 * keyed by API name, each with its old and new value.
 */
public record CompanyUpdated(CompanyId companyId, Map<String, FieldChange> changes) {
}

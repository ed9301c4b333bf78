package io.beacon.company.command;

import io.beacon.common.BeaconException;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Change some fields of a company. {@code values} holds only the fields the writer named, keyed by
 * API name ({@code metadata.city} for metadata); a null value clears the field.
 * {@code expectedVersion}, when given, must equal the company's current version.
 */
public record UpdateCompany(@TargetAggregateIdentifier CompanyId companyId, Map<String, Object> values,
                            Long expectedVersion) {

    public UpdateCompany {
        Objects.requireNonNull(companyId, "companyId");
        Map<String, Object> normalized = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                CompanyField field = CompanyField.fromApiName(name);
                normalized.put(field.apiName(), field.normalize(value));
            });
        }
        if (expectedVersion != null && expectedVersion < 1) {
            throw BeaconException.validation("expected_version must be a positive integer");
        }
        values = Collections.unmodifiableMap(normalized);
    }
}

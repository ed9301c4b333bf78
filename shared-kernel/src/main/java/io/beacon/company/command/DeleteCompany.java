package io.beacon.company.command;

import io.beacon.company.value.CompanyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Delete a company. Its history stays in the event store.
 */
public record DeleteCompany(@TargetAggregateIdentifier CompanyId companyId) {

    public DeleteCompany {
        Objects.requireNonNull(companyId, "companyId");
    }
}

package io.beacon.company.command;

import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;

import java.util.Objects;

/**
 * Create a company with the given identity and fields.
 */
public record CreateCompany(CompanyId companyId, CompanyFields fields) {

    public CreateCompany {
        Objects.requireNonNull(companyId, "companyId");
        fields = fields == null ? CompanyFields.EMPTY : fields;
    }
}

package io.beacon.company;

import io.beacon.company.value.CompanyId;

/**
 * Tells whether a company exists and is not deleted, as its event stream says now. Other
 * aggregates ask it before they attach themselves to a company.
 */
public interface LiveCompanies {

    boolean isLive(CompanyId companyId);
}

package io.beacon.company;

import io.beacon.company.value.CompanyId;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Loads the company aggregate in the caller's unit of work. That takes the company's lock until the
 * unit of work ends, so on this node a concurrent {@code DeleteCompany} is ordered strictly before
 * or after the caller's command.
 */
@Component
class RepositoryLiveCompanies implements LiveCompanies {

    // Looked up on use: the Axon configuration is built after the beans that take part in it.
    private final ObjectProvider<Configuration> axon;

    RepositoryLiveCompanies(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    @Override
    public boolean isLive(CompanyId companyId) {
        try {
            return axon.getObject().repository(Company.class).load(companyId.value()).invoke(Company::isLive);
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }
}

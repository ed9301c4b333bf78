package io.beacon.company.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import org.axonframework.serialization.Revision;

/**
 * A company came into being. {@code number} is its integer id, assigned in creation order.
 *
 * <p>Stored with API (snake_case) property names throughout, like its {@link CompanyFields}.
 * Revision 2; events stored without a revision named the id {@code companyId}, and are upcast
 * when read (the gateway's {@code CompanyEventsUpcaster}).
 */
@Revision("2")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompanyCreated(CompanyId companyId, long number, CompanyFields fields) {
}

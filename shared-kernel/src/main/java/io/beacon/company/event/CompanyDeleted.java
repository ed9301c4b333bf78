package io.beacon.company.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.company.value.CompanyId;
import org.axonframework.serialization.Revision;

/**
 * A company was deleted. Its earlier events remain: history is never rewritten.
 *
 * <p>Stored with API (snake_case) property names. Revision 2; events stored without a revision
 * named the id {@code companyId}, and are upcast when read (the gateway's {@code CompanyEventsUpcaster}).
 */
@Revision("2")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompanyDeleted(CompanyId companyId) {
}

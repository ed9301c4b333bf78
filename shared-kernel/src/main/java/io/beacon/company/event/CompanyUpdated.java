package io.beacon.company.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * Some fields of a company changed. {@code changes} holds only the fields whose value differs,
 * keyed by API name, each with its old and new value.
 *
 * <p>Stored with API (snake_case) property names throughout. Revision 2; events stored without a
 * revision named the id {@code companyId}, and are upcast when read (the gateway's
 * {@code CompanyEventsUpcaster}).
 */
@Revision("2")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompanyUpdated(CompanyId companyId, Map<String, FieldChange> changes) {
}

package io.beacon.company.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.common.VersionedView;
import io.beacon.company.value.CompanyMetadata;

import java.time.Instant;
import java.util.List;

/**
 * A company as readers see it (the CompanyDetail of the API). {@code id} is the integer assigned
 * in creation order, {@code version} the number of events the company has had. {@code deleted} is
 * true only on the tombstone sent to subscribers when a company is deleted; it is not on the wire.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "uuid", "name", "employees_count", "annual_revenue", "total_funding", "industries",
        "keywords", "technologies", "address", "text_search", "metadata", "version", "created_at", "updated_at"})
public record CompanyView(long id, String uuid, String name, Long employeesCount, Long annualRevenue,
                          Long totalFunding, List<String> industries, List<String> keywords,
                          List<String> technologies, String address, String textSearch, CompanyMetadata metadata,
                          long version, Instant createdAt, Instant updatedAt,
                          @JsonIgnore boolean deleted) implements VersionedView {
}

package io.beacon.contact.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.common.VersionedView;
import io.beacon.contact.value.ContactMetadata;

import java.time.Instant;
import java.util.List;

/**
 * A contact as readers see it. {@code id} is the integer assigned in creation order, {@code version}
 * the number of events the contact has had, {@code company} its company's uuid and current name.
 * {@code deleted} is true only on the tombstone sent to {@link FindContact} subscribers when a
 * contact is deleted; it is not on the wire. {@code personalDataErased} ({@code personal_data_erased}) is
 * true once the contact's personal data was erased: its personal fields are then null for good.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "uuid", "first_name", "last_name", "email", "title", "seniority", "departments",
        "email_status", "work_direct_phone", "home_phone", "mobile_phone", "other_phone", "stage", "company",
        "metadata", "personal_data_erased", "version", "created_at", "updated_at"})
public record ContactView(long id, String uuid, String firstName, String lastName, String email, String title,
                          String seniority, List<String> departments, String emailStatus, String workDirectPhone,
                          String homePhone, String mobilePhone, String otherPhone, String stage,
                          ContactCompany company, ContactMetadata metadata, long version, Instant createdAt,
                          Instant updatedAt, boolean personalDataErased, @JsonIgnore boolean deleted)
        implements VersionedView {

    public ContactView {
        departments = departments == null ? List.of() : List.copyOf(departments);
        metadata = metadata == null ? ContactMetadata.EMPTY : metadata;
    }

    /** A contact whose personal data was never erased. */
    public ContactView(long id, String uuid, String firstName, String lastName, String email, String title,
                       String seniority, List<String> departments, String emailStatus, String workDirectPhone,
                       String homePhone, String mobilePhone, String otherPhone, String stage,
                       ContactCompany company, ContactMetadata metadata, long version, Instant createdAt,
                       Instant updatedAt, boolean deleted) {
        this(id, uuid, firstName, lastName, email, title, seniority, departments, emailStatus, workDirectPhone,
                homePhone, mobilePhone, otherPhone, stage, company, metadata, version, createdAt, updatedAt, false,
                deleted);
    }
}

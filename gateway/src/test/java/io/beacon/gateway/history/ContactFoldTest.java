package io.beacon.gateway.history;

import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.query.ContactCompany;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.beacon.gateway.history.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

class ContactFoldTest {

    private static final ContactId ID = ContactId.of("5b6e1c2a-0000-4000-8000-000000000001");
    private static final CompanyId COMPANY = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:01.456789Z");
    private static final Instant UPDATED = Instant.parse("2026-11-30T10:00:02.000001Z");
    private static final ContactFields FIELDS = new ContactFields("John", "Doe", "john.doe@example.com",
            "Software Engineer", "mid", List.of("Engineering", "R&D"), "verified", null, null, "+1234567890",
            null, null, new ContactMetadata("San Francisco", "CA", null, null, null, null, null));

    @Test
    void aCreatedContactShowsItsFieldsAndTheGivenCompanyName() {
        ContactFold fold = new ContactFold();
        fold.apply(event("Contact", ID.value(), 0, new ContactCreated(ID, COMPANY, 3, FIELDS, Set.of()), CREATED));

        ContactView view = fold.view("Acme").orElseThrow();

        Instant shown = Instant.parse("2026-11-30T10:00:01.456Z");
        assertThat(view).isEqualTo(new ContactView(3, ID.value(), "John", "Doe", "john.doe@example.com",
                "Software Engineer", "mid", List.of("Engineering", "R&D"), "verified", null, null, "+1234567890",
                null, null, new ContactCompany(COMPANY.value(), "Acme"), FIELDS.metadata(), 1, shown, shown, false));
        assertThat(fold.companyUuid()).isEqualTo(COMPANY.value());
    }

    @Test
    void updatesSetTheirNewValuesAsTheAggregateDoes() {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("title", new FieldChange("Software Engineer", "Staff Engineer"));
        changes.put("mobile_phone", new FieldChange("+1234567890", null));
        changes.put("departments", new FieldChange(List.of("Engineering", "R&D"), List.of()));
        changes.put("metadata.city", new FieldChange("San Francisco", "Oakland"));
        ContactFold fold = new ContactFold();
        fold.apply(event("Contact", ID.value(), 0, new ContactCreated(ID, COMPANY, 3, FIELDS, Set.of()), CREATED));
        fold.apply(event("Contact", ID.value(), 1, new ContactUpdated(ID, COMPANY, changes, Set.of()), UPDATED));

        ContactView view = fold.view("Acme").orElseThrow();

        assertThat(view.title()).isEqualTo("Staff Engineer");
        assertThat(view.mobilePhone()).isNull();
        assertThat(view.departments()).isEmpty();
        assertThat(view.metadata()).isEqualTo(new ContactMetadata("Oakland", "CA", null, null, null, null, null));
        assertThat(view.firstName()).isEqualTo("John");
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.updatedAt()).isEqualTo(Instant.parse("2026-11-30T10:00:02Z"));
    }

    @Test
    void anErasureEmptiesThePersonalFieldsAndMarksTheContact() {
        ContactFold fold = new ContactFold();
        fold.apply(event("Contact", ID.value(), 0, new ContactCreated(ID, COMPANY, 3, FIELDS, Set.of()), CREATED));
        fold.apply(event("Contact", ID.value(), 1, new ContactPersonalDataErased(ID, COMPANY, List.of("first_name")),
                UPDATED));

        ContactView view = fold.view("Acme").orElseThrow();

        assertThat(view.firstName()).isNull();
        assertThat(view.lastName()).isNull();
        assertThat(view.email()).isNull();
        assertThat(view.mobilePhone()).isNull();
        assertThat(view.title()).as("not personal").isEqualTo("Software Engineer");
        assertThat(view.metadata().city()).as("not personal").isEqualTo("San Francisco");
        assertThat(view.personalDataErased()).isTrue();
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void anEventReadAfterItsKeyWasDestroyedMarksTheContactErased() {
        ContactFields unreadable = new ContactFields(null, null, null, "Software Engineer", "mid", List.of(), null,
                null, null, null, null, null, ContactMetadata.EMPTY);
        ContactFold fold = new ContactFold();
        fold.apply(event("Contact", ID.value(), 0,
                new ContactCreated(ID, COMPANY, 3, unreadable, Set.of("first_name", "email")), CREATED));

        ContactView view = fold.view("Acme").orElseThrow();

        assertThat(view.firstName()).isNull();
        assertThat(view.personalDataErased()).isTrue();
    }

    @Test
    void aDeletedContactHasNoView() {
        ContactFold fold = new ContactFold();
        fold.apply(event("Contact", ID.value(), 0, new ContactCreated(ID, COMPANY, 3, FIELDS, Set.of()), CREATED));
        fold.apply(event("Contact", ID.value(), 1,
                new ContactDeleted(ID, COMPANY, ContactDeletionCause.COMPANY_DELETED), UPDATED));

        assertThat(fold.view("Acme")).isEmpty();
    }

    @Test
    void nothingFoldedIsNoContact() {
        ContactFold fold = new ContactFold();

        assertThat(fold.view("Acme")).isEmpty();
        assertThat(fold.companyUuid()).isNull();
    }
}

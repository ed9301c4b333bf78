package io.beacon.gateway.history;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
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

class HistoryEntriesTest {

    private static final CompanyId COMPANY = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final ContactId CONTACT = ContactId.of("5b6e1c2a-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-30T10:00:00.123456Z");
    private static final Map<String, Object> ADMIN = Map.of("actor_uuid", "u-1", "actor_email", "admin@example.com",
            "request_id", "r1");

    @Test
    void aCreationListsEveryFieldWithAValueFromNull() {
        CompanyFields fields = new CompanyFields("Acme", 250L, null, null, List.of("Technology"), List.of(), List.of(),
                null, null, new CompanyMetadata("Oakland", null, null, null, "https://acme.com", null, null, null));

        Map<String, Object> entry = HistoryEntries.entry(
                event("Company", COMPANY.value(), 0, new CompanyCreated(COMPANY, 1, fields), AT, ADMIN));

        assertThat(entry).containsExactly(
                Map.entry("sequence", 0L),
                Map.entry("type", "company_created"),
                Map.entry("occurred_at", AT),
                Map.entry("actor", Map.of("uuid", "u-1", "email", "admin@example.com")),
                Map.entry("request_id", "r1"),
                Map.entry("changes", Map.of(
                        "name", change(null, "Acme"),
                        "employees_count", change(null, 250L),
                        "industries", change(null, List.of("Technology")),
                        "metadata.city", change(null, "Oakland"),
                        "metadata.website", change(null, "https://acme.com"))));
    }

    @Test
    void anUpdateListsItsChangesOldAndNew() {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("name", new FieldChange("Acme", "Acme Corp"));
        changes.put("metadata.city", new FieldChange("Oakland", null));

        Map<String, Object> entry = HistoryEntries.entry(
                event("Company", COMPANY.value(), 4, new CompanyUpdated(COMPANY, changes), AT, ADMIN));

        assertThat(entry.get("sequence")).isEqualTo(4L);
        assertThat(entry.get("type")).isEqualTo("company_updated");
        assertThat(entry.get("changes")).isEqualTo(Map.of("name", change("Acme", "Acme Corp"),
                "metadata.city", change("Oakland", null)));
    }

    @Test
    void aDeletionChangesNoFieldAndAContactDeletionSaysWhy() {
        Map<String, Object> company = HistoryEntries.entry(
                event("Company", COMPANY.value(), 2, new CompanyDeleted(COMPANY), AT, ADMIN));
        Map<String, Object> contact = HistoryEntries.entry(event("Contact", CONTACT.value(), 1,
                new ContactDeleted(CONTACT, COMPANY, ContactDeletionCause.COMPANY_DELETED), AT, ADMIN));

        assertThat(company.get("type")).isEqualTo("company_deleted");
        assertThat(company.get("changes")).isEqualTo(Map.of());
        assertThat(company).doesNotContainKey("cause");
        assertThat(contact.get("type")).isEqualTo("contact_deleted");
        assertThat(contact.get("changes")).isEqualTo(Map.of());
        assertThat(contact.get("cause")).isEqualTo("company_deleted");
    }

    @Test
    void anUploadRowCarriesItsUploadAndRow() {
        ContactFields fields = new ContactFields("Ada", null, null, null, null, List.of(), null, null, null, null,
                null, null, ContactMetadata.EMPTY);
        Map<String, Object> metaData = Map.of("actor_uuid", "u-1", "request_id", "up-9", "upload_id", "up-9",
                "upload_row", 17L);

        Map<String, Object> entry = HistoryEntries.entry(
                event("Contact", CONTACT.value(), 0, new ContactCreated(CONTACT, COMPANY, 5, fields, Set.of()), AT, metaData));

        assertThat(entry.get("type")).isEqualTo("contact_created");
        assertThat(entry.get("changes")).isEqualTo(Map.of("first_name", change(null, "Ada")));
        @SuppressWarnings("unchecked")
        Map<String, Object> actor = (Map<String, Object>) entry.get("actor");
        assertThat(actor).containsEntry("uuid", "u-1").containsEntry("email", null);
        assertThat(entry.get("upload_id")).isEqualTo("up-9");
        assertThat(entry.get("upload_row")).isEqualTo(17L);
    }

    @Test
    void anErasureIsAContactUpdateSettingEachPersonalFieldToNull() {
        Map<String, Object> entry = HistoryEntries.entry(event("Contact", CONTACT.value(), 3,
                new ContactPersonalDataErased(CONTACT, COMPANY, List.of("first_name", "email")), AT, ADMIN));

        assertThat(entry.get("type")).isEqualTo("contact_updated");
        assertThat(entry.get("changes")).isEqualTo(Map.of("first_name", change(null, null), "email", change(null, null)));
        assertThat(entry.get("erased")).isEqualTo(List.of("first_name", "email"));
        assertThat(entry.get("request_id")).isEqualTo("r1");
    }

    @Test
    void anEventReadAfterItsContactsErasureNamesTheFieldsItCannotShow() {
        ContactFields unreadable = new ContactFields(null, null, null, "CTO", null, List.of(), null, null, null, null,
                null, null, ContactMetadata.EMPTY);

        Map<String, Object> entry = HistoryEntries.entry(event("Contact", CONTACT.value(), 0,
                new ContactCreated(CONTACT, COMPANY, 5, unreadable, Set.of("last_name", "first_name")), AT, ADMIN));

        assertThat(entry.get("changes")).isEqualTo(Map.of("title", change(null, "CTO")));
        assertThat(entry.get("erased")).isEqualTo(List.of("first_name", "last_name"));
    }

    /** An event kind added after this code. */
    record CompanyMerged(String into) {
    }

    @Test
    void anEventOfAnotherKindIsNamedAfterItsClassAndChangesNoField() {
        Map<String, Object> entry = HistoryEntries.entry(
                event("Company", COMPANY.value(), 3, new CompanyMerged("elsewhere"), AT, ADMIN));

        assertThat(entry.get("type")).isEqualTo("company_merged");
        assertThat(entry.get("changes")).isEqualTo(Map.of());
        assertThat(entry).doesNotContainKey("erased");
    }

    @Test
    void anEventNoUserMadeHasNoActorNorRequest() {
        Map<String, Object> entry = HistoryEntries.entry(
                event("Company", COMPANY.value(), 2, new CompanyDeleted(COMPANY), AT));

        assertThat(entry).containsEntry("actor", null).containsEntry("request_id", null);
        assertThat(entry).doesNotContainKeys("upload_id", "upload_row");
    }

    private static Map<String, Object> change(Object oldValue, Object newValue) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("old", oldValue);
        change.put("new", newValue);
        return change;
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static io.beacon.gateway.it.StoredEventDocuments.parse;

/**
 * Contact writes on the companies endpoint, end to end: {@code create_contact}, {@code update_contact},
 * {@code delete_contact} through a real WebSocket, the command side, the event store and the contacts
 * read model; and the cascade that deletes a deleted company's contacts. Each concrete subclass runs
 * every scenario on one store; every scenario makes its own companies and contacts.
 */
abstract class ContactWriteScenarios extends BeaconScenarioSupport {

    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Duration CASCADE_WAIT = Duration.ofSeconds(30);

    // ---------------------------------------------------------------- create, update, delete

    @Test
    void createContactAnswersTheContactWithItsCompanyIdAndVersion() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Employer"));
        JsonNode first = createContact(admin, company, "first_name", "John", "last_name", "Doe",
                "email", " john.doe@example.com ", "title", "Software Engineer", "seniority", "mid",
                "departments", arr("Engineering", "R&D"), "email_status", "verified", "work_direct_phone", "+1 555 0100",
                "home_phone", "+1 555 0101", "mobile_phone", "+1234567890", "other_phone", "+1 555 0102", "stage", "lead",
                "metadata", obj("city", "San Francisco", "state", "CA", "country", "United States",
                        "linkedin_url", "https://linkedin.com/in/johndoe", "website", "https://johndoe.dev",
                        "facebook_url", "https://facebook.com/johndoe", "twitter_url", "https://twitter.com/johndoe"));
        JsonNode second = createContact(admin, company, "first_name", "Jane");

        assertThat(first.path("uuid").asText()).matches(UUID_SHAPE);
        assertThat(first.path("id").isIntegralNumber()).isTrue();
        assertThat(second.path("id").asLong()).isGreaterThan(first.path("id").asLong());
        assertThat(first.path("first_name").asText()).isEqualTo("John");
        assertThat(first.path("email").asText()).as("e-mail trimmed").isEqualTo("john.doe@example.com");
        assertThat(texts(first.path("departments"))).containsExactly("Engineering", "R&D");
        assertThat(first.path("mobile_phone").asText()).isEqualTo("+1234567890");
        assertThat(first.path("other_phone").asText()).isEqualTo("+1 555 0102");
        assertThat(first.path("stage").asText()).isEqualTo("lead");
        assertThat(first.path("metadata").path("linkedin_url").asText()).isEqualTo("https://linkedin.com/in/johndoe");
        assertThat(first.path("metadata").path("twitter_url").asText()).isEqualTo("https://twitter.com/johndoe");
        assertThat(first.path("company").path("uuid").asText()).isEqualTo(company.path("uuid").asText());
        assertThat(first.path("company").path("name").asText()).isEqualTo(company.path("name").asText());
        assertThat(first.path("version").asLong()).isEqualTo(1);
        assertThat(second.path("email").isNull()).isTrue();
        assertThat(texts(second.path("departments"))).isEmpty();
    }

    @Test
    void createContactKeepsAGivenUuidAndRefusesItTwice() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Employer"));
        String uuid = UUID.randomUUID().toString();

        JsonNode created = createContact(admin, company, "uuid", uuid.toUpperCase(), "first_name", "Ada");

        assertThat(created.path("uuid").asText()).isEqualTo(uuid);
        assertError(admin.call("create_contact", keyed("company_uuid", company.path("uuid").asText(),
                "uuid", uuid, "first_name", "Other")), "conflict");
    }

    @Test
    void updateContactChangesOnlyTheGivenFieldsAndRecordsOnlyRealChanges() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Employer"));
        JsonNode contact = createContact(admin, company, "first_name", "John", "title", "Engineer",
                "mobile_phone", "+1234567890", "metadata", obj("city", "San Francisco", "state", "CA"));
        String uuid = contact.path("uuid").asText();

        JsonNode updated = success(admin.call("update_contact", keyed("contact_uuid", uuid, "expected_version", 1,
                "first_name", "John", "title", "Staff Engineer", "mobile_phone", null, "metadata", obj("city", "Oakland"))));

        assertThat(updated.path("version").asLong()).isEqualTo(2);
        assertThat(updated.path("title").asText()).isEqualTo("Staff Engineer");
        assertThat(updated.path("mobile_phone").isNull()).isTrue();
        assertThat(updated.path("metadata").path("city").asText()).isEqualTo("Oakland");
        assertThat(updated.path("metadata").path("state").asText()).as("metadata keys merge").isEqualTo("CA");
        assertThat(updated.path("id").asLong()).isEqualTo(contact.path("id").asLong());

        List<Document> events = events(uuid);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).getString("pt")).endsWith("ContactUpdated");
        JsonNode payload = parse(events.get(1).get("p"));
        assertThat(payload.path("companyId").asText()).isEqualTo(company.path("uuid").asText());
        assertThat(fieldNames(payload.path("changes"))).containsExactlyInAnyOrder("title", "mobile_phone", "metadata.city");
        assertThat(payload.path("changes").path("metadata.city").path("old").asText()).isEqualTo("San Francisco");
        assertThat(payload.path("changes").path("metadata.city").path("new").asText()).isEqualTo("Oakland");

        JsonNode unchanged = success(admin.call("update_contact", keyed("contact_uuid", uuid, "title", "Staff Engineer")));
        assertThat(unchanged.path("version").asLong()).as("no change, no event").isEqualTo(2);
        assertThat(events(uuid)).hasSize(2);
    }

    @Test
    void updateContactAtAStaleVersionIsAConflictAndChangesNothing() {
        WsClient admin = admin();
        JsonNode contact = createContact(admin, create(admin, "name", unique("Employer")), "stage", "lead");
        String uuid = contact.path("uuid").asText();
        success(admin.call("update_contact", keyed("contact_uuid", uuid, "expected_version", 1, "stage", "customer")));

        assertError(admin.call("update_contact", keyed("contact_uuid", uuid, "expected_version", 1, "stage", "churned")),
                "conflict");

        assertThat(events(uuid)).hasSize(2);
        JsonNode next = success(admin.call("update_contact", keyed("contact_uuid", uuid, "expected_version", 2, "title", "CEO")));
        assertThat(next.path("stage").asText()).isEqualTo("customer");
        assertThat(next.path("version").asLong()).isEqualTo(3);
    }

    @Test
    void deleteContactAnswersEmptyAndTheContactIsGoneForWriters() {
        WsClient admin = admin();
        JsonNode contact = createContact(admin, create(admin, "name", unique("Employer")), "first_name", "Gone");
        String uuid = contact.path("uuid").asText();

        JsonNode deleted = success(admin.call("delete_contact", keyed("contact_uuid", uuid)));

        assertThat(deleted.isObject() && deleted.isEmpty()).isTrue();
        assertError(admin.call("update_contact", keyed("contact_uuid", uuid, "title", "x")), "not_found");
        assertError(admin.call("delete_contact", keyed("contact_uuid", uuid)), "not_found");
        List<Document> events = events(uuid);
        assertThat(events).hasSize(2);
        assertThat(parse(events.get(1).get("p")).path("cause").asText()).isEqualTo("REQUESTED");
    }

    // ---------------------------------------------------------------- not found

    @Test
    void contactWritesOnUnknownOrDeletedRecordsAreNotFound() {
        WsClient admin = admin();
        JsonNode deletedCompany = create(admin, "name", unique("Closed"));
        success(admin.call("delete_company", keyed("company_uuid", deletedCompany.path("uuid").asText())));
        String unknown = UUID.randomUUID().toString();

        assertError(admin.call("create_contact", keyed("company_uuid", unknown, "first_name", "x")), "not_found");
        assertError(admin.call("create_contact", keyed("company_uuid", deletedCompany.path("uuid").asText(),
                "first_name", "x")), "not_found");
        assertError(admin.call("update_contact", keyed("contact_uuid", unknown, "first_name", "x")), "not_found");
        assertError(admin.call("delete_contact", keyed("contact_uuid", unknown)), "not_found");
    }

    // ---------------------------------------------------------------- write permission

    @Test
    void userRoleIsForbiddenToWriteContactsEvenWithTheWriteKey() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Employer"));
        String uuid = createContact(admin, company, "first_name", "Kept").path("uuid").asText();
        WsClient user = user();

        assertError(user.call("create_contact", keyed("company_uuid", company.path("uuid").asText(), "first_name", "x")),
                "forbidden");
        assertError(user.call("update_contact", keyed("contact_uuid", uuid, "first_name", "x")), "forbidden");
        assertError(user.call("delete_contact", keyed("contact_uuid", uuid)), "forbidden");

        assertThat(events(uuid)).hasSize(1);
    }

    @Test
    void adminWithoutOrWithAWrongWriteKeyIsForbiddenToWriteContacts() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Employer"));
        String companyUuid = company.path("uuid").asText();
        String uuid = createContact(admin, company, "first_name", "Kept").path("uuid").asText();

        assertError(admin.call("create_contact", obj("company_uuid", companyUuid, "first_name", "x")), "forbidden");
        assertError(admin.call("create_contact", obj("write_key", WRITE_KEY + "x", "company_uuid", companyUuid)), "forbidden");
        assertError(admin.call("update_contact", obj("contact_uuid", uuid, "first_name", "x")), "forbidden");
        assertError(admin.call("update_contact", obj("X-Companies-Write-Key", "guess", "contact_uuid", uuid, "first_name", "x")),
                "forbidden");
        assertError(admin.call("delete_contact", obj("contact_uuid", uuid)), "forbidden");
        assertError(admin.call("delete_contact", obj("write_key", "", "contact_uuid", uuid)), "forbidden");
        assertThat(events(uuid)).hasSize(1);

        JsonNode viaHeader = success(admin.call("update_contact",
                obj("X-Companies-Write-Key", WRITE_KEY, "contact_uuid", uuid, "first_name", "Renamed")));
        assertThat(viaHeader.path("first_name").asText()).isEqualTo("Renamed");
    }

    // ---------------------------------------------------------------- validation

    @Test
    void unknownFieldsWrongTypesAndBadValuesAreValidationErrors() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Employer"));
        String companyUuid = company.path("uuid").asText();
        String uuid = createContact(admin, company, "first_name", "Valid").path("uuid").asText();

        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "nickname", "x")), "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "metadata", obj("phone_number", "1"))),
                "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "first_name", 5)), "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "departments", "Engineering")),
                "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "departments", arr("a", 1))),
                "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "email", obj("$ne", ""))),
                "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "email", "not-an-email")),
                "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", companyUuid, "mobile_phone", "9".repeat(65))),
                "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", "not-a-uuid")), "validation_error");
        assertError(admin.call("create_contact", keyed("company_uuid", 42)), "validation_error");
        assertError(admin.call("create_contact", keyed("first_name", "x")), "missing_field");
        assertError(admin.call("update_contact", keyed("contact_uuid", uuid, "company_uuid", companyUuid)), "validation_error");
        assertError(admin.call("update_contact", keyed("contact_uuid", uuid, "expected_version", "1")), "validation_error");
        assertError(admin.call("update_contact", keyed("contact_uuid", uuid, "metadata", "Oakland")), "validation_error");
        assertError(admin.call("update_contact", keyed("first_name", "x")), "missing_field");
        assertError(admin.call("delete_contact", keyed("contact_uuid", uuid, "cause", "COMPANY_DELETED")), "validation_error");

        assertThat(events(uuid)).hasSize(1);
    }

    // ---------------------------------------------------------------- the company cascade

    @Test
    void deletingACompanyDeletesEachOfItsContactsWithItsOwnEvent() {
        WsClient admin = admin();
        JsonNode actor = adminLogin().path("user");
        JsonNode company = create(admin, "name", unique("Closing"));
        JsonNode neighbour = create(admin, "name", unique("Staying"));
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contacts.add(createContact(admin, company, "first_name", "Employee " + i).path("uuid").asText());
        }
        String leftEarlier = createContact(admin, company, "first_name", "Left").path("uuid").asText();
        success(admin.call("delete_contact", keyed("contact_uuid", leftEarlier)));
        String other = createContact(admin, neighbour, "first_name", "Other").path("uuid").asText();

        String deleteRequest = admin.nextRequestId();
        success(WsClient.await(admin.sendEnvelope(deleteRequest, admin.envelope("delete_company", deleteRequest,
                keyed("company_uuid", company.path("uuid").asText()))), "delete_company"));

        awaitTrue(() -> contacts.stream().allMatch(uuid -> events(uuid).size() == 2), "the cascade's deletions");
        for (String uuid : contacts) {
            List<Document> events = events(uuid);
            assertThat(events.get(1).getString("pt")).endsWith("ContactDeleted");
            JsonNode payload = parse(events.get(1).get("p"));
            assertThat(payload.path("cause").asText()).isEqualTo("COMPANY_DELETED");
            assertThat(payload.path("companyId").asText()).isEqualTo(company.path("uuid").asText());
            JsonNode metadata = parse(events.get(1).get("m"));
            assertThat(metadata.path("actor_uuid").asText()).as("who caused it").isEqualTo(actor.path("uuid").asText());
            assertThat(metadata.path("request_id").asText()).isEqualTo(deleteRequest);
            assertError(admin.call("update_contact", keyed("contact_uuid", uuid, "title", "x")), "not_found");
        }
        // One event each: the contact deleted earlier gets no second deletion.
        List<Document> leftEvents = events(leftEarlier);
        assertThat(leftEvents).hasSize(2);
        assertThat(parse(leftEvents.get(1).get("p")).path("cause").asText()).isEqualTo("REQUESTED");
        assertThat(events(other)).hasSize(1);
        assertThat(success(admin.call("update_contact", keyed("contact_uuid", other, "title", "Survivor")))
                .path("version").asLong()).isEqualTo(2);
    }

    @Test
    void contactEventsCarryTheirCompanyAndNoWriteKey() {
        WsClient admin = admin();
        JsonNode company = create(admin, "name", unique("Employer"));
        String uuid = createContact(admin, company, "first_name", "Audited").path("uuid").asText();
        success(admin.call("update_contact", obj("X-Companies-Write-Key", WRITE_KEY, "contact_uuid", uuid, "stage", "won")));
        success(admin.call("delete_contact", keyed("contact_uuid", uuid)));

        List<Document> events = events(uuid);

        assertThat(events).extracting(e -> e.getString("pt").replaceAll(".*\\.", ""))
                .containsExactly("ContactCreated", "ContactUpdated", "ContactDeleted");
        for (Document event : events) {
            assertThat(parse(event.get("p")).path("companyId").asText()).isEqualTo(company.path("uuid").asText());
            assertThat(event.toJson()).doesNotContain(WRITE_KEY);
            assertThat(parse(event.get("p")).toString()).doesNotContain(WRITE_KEY);
            assertThat(parse(event.get("m")).toString()).doesNotContain(WRITE_KEY);
        }
        assertThat(parse(events.get(0).get("p")).path("number").asLong()).isPositive();
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode createContact(WsClient admin, JsonNode company, Object... keysAndValues) {
        Object[] data = new Object[keysAndValues.length + 2];
        data[0] = "company_uuid";
        data[1] = company.path("uuid").asText();
        System.arraycopy(keysAndValues, 0, data, 2, keysAndValues.length);
        return success(admin.call("create_contact", keyed(data)));
    }


    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(CASCADE_WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + CASCADE_WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<Document> events(String aggregateId) {
        return StoredEventDocuments.events(storeClient, aggregateId);
    }
}

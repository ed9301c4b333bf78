package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.StoredEventDocuments.parse;
import static io.beacon.gateway.it.WsClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crypto-shredding end to end: contacts' personal values are stored encrypted with a key per contact;
 * {@code erase_contact_personal_data} destroys the key, after which reads, feeds and a replay of the
 * read model show those fields as erased, while the events stay in the store. Each concrete subclass
 * runs every scenario on one store; every scenario makes its own companies and contacts.
 */
abstract class ErasureScenarios extends BeaconScenarioSupport {

    /** Every personal field (API names), as the erasure event and the feed name them. */
    private static final List<String> PERSONAL = List.of("first_name", "last_name", "email", "work_direct_phone",
            "home_phone", "mobile_phone", "other_phone", "metadata.linkedin_url", "metadata.facebook_url",
            "metadata.twitter_url");

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TokenStore tokenStore;

    /** A person with a value in every personal field, each unique to the scenario. */
    private record Person(String tag, Map<String, Object> data) {

        static Person unique(String name) {
            String tag = BeaconScenarioSupport.unique(name).toLowerCase();
            return new Person(tag, obj("first_name", "First" + tag, "last_name", "Last" + tag,
                    "email", tag + "@mail.example", "work_direct_phone", "+1 555 " + tag.substring(tag.length() - 4),
                    "home_phone", "+1 556 " + tag.substring(tag.length() - 4),
                    "mobile_phone", "+1 557 " + tag.substring(tag.length() - 4),
                    "other_phone", "+1 558 " + tag.substring(tag.length() - 4),
                    "title", "Engineer " + tag, "seniority", "senior", "departments", List.of("Engineering"),
                    "stage", "lead", "metadata", obj("city", "City " + tag, "country", "Country " + tag,
                            "linkedin_url", "https://linkedin.example/in/" + tag, "website", "https://site.example/" + tag,
                            "facebook_url", "https://facebook.example/" + tag, "twitter_url", "https://twitter.example/" + tag)));
        }

        /** Texts that only this person's personal values contain: none may be in a stored event in clear. */
        List<String> personalTexts() {
            return List.of("First" + tag, "Last" + tag, tag + "@mail.example", "+1 555 " + tag.substring(tag.length() - 4),
                    "+1 556 " + tag.substring(tag.length() - 4), "+1 557 " + tag.substring(tag.length() - 4),
                    "+1 558 " + tag.substring(tag.length() - 4), "linkedin.example/in/" + tag,
                    "facebook.example/" + tag, "twitter.example/" + tag);
        }
    }

    @Test
    void personalValuesAreStoredOnlyAsCiphertextNonPersonalOnesInClear() {
        WsClient admin = admin();
        String company = companyUuid(admin);
        Person person = Person.unique("cipher");
        String uuid = createContact(admin, company, person);
        success(admin.call("update_contact", keyed("contact_uuid", uuid, "email", "new" + person.tag() + "@mail.example",
                "mobile_phone", null, "title", "Staff " + person.tag())));

        List<Document> events = StoredEventDocuments.events(storeClient, uuid);

        assertThat(events).hasSize(2);
        for (Document event : events) {
            String payload = String.valueOf(event.get("p"));
            assertThat(payload).doesNotContain(person.personalTexts().toArray(String[]::new));
            assertThat(payload).doesNotContain("new" + person.tag() + "@mail.example");
            assertThat(parse(event.get("p")).path("personal_cipher").asText()).isEqualTo("AES-256-GCM");
        }
        JsonNode created = parse(events.get(0).get("p"));
        assertThat(created.path("fields").path("title").asText()).isEqualTo("Engineer " + person.tag());
        assertThat(created.path("fields").path("metadata").path("city").asText()).isEqualTo("City " + person.tag());
        assertThat(created.path("fields").path("email").asText()).as("ciphertext").isNotBlank();
        JsonNode updated = parse(events.get(1).get("p"));
        assertThat(updated.path("changes").path("title").path("new").asText()).isEqualTo("Staff " + person.tag());
        assertThat(updated.path("changes").path("mobile_phone").path("new").isNull()).isTrue();
        Document key = storeClient.getDatabase("beacon").getCollection("contact_keys").find(Filters.eq("_id", uuid)).first();
        assertThat(key).as("the contact's key, in its own collection").isNotNull().containsKey("key");
        String keyText = Base64.getEncoder().encodeToString(key.get("key", Binary.class).getData());
        for (Document event : events) {
            assertThat(event.toJson()).doesNotContain(keyText);
        }
        // Reads see plain values: the serializer decrypts for every reader.
        JsonNode shown = contact(admin, company, uuid);
        assertThat(shown.path("email").asText()).isEqualTo("new" + person.tag() + "@mail.example");
        assertThat(shown.path("first_name").asText()).isEqualTo("First" + person.tag());
        assertThat(shown.path("personal_data_erased").asBoolean(true)).isFalse();
    }

    @Test
    void erasureEmptiesThePersonalFieldsForGoodAndLeavesEverythingElse() {
        WsClient admin = admin();
        String company = companyUuid(admin);
        Person person = Person.unique("erased");
        Person neighbour = Person.unique("kept");
        String uuid = createContact(admin, company, person);
        String other = createContact(admin, company, neighbour);
        success(admin.call("update_contact", keyed("contact_uuid", uuid, "email", "new" + person.tag() + "@mail.example",
                "stage", "customer")));

        JsonNode answer = success(admin.call("erase_contact_personal_data", keyed("contact_uuid", uuid)));

        assertErased(answer, person, 3);
        assertErased(contact(admin, company, uuid), person, 3);
        assertThat(answer.path("stage").asText()).isEqualTo("customer");
        assertIntact(contact(admin, company, other), neighbour);

        List<Document> events = StoredEventDocuments.events(storeClient, uuid);
        assertThat(events).as("history is not rewritten: every event stays").hasSize(3);
        assertThat(events.get(2).getString("pt")).endsWith("ContactPersonalDataErased");
        JsonNode erasure = parse(events.get(2).get("p"));
        assertThat(texts(erasure.path("fields"))).containsExactlyElementsOf(PERSONAL);
        assertThat(erasure.path("companyId").asText()).isEqualTo(company);
        for (Document event : events) {
            assertThat(String.valueOf(event.get("p"))).doesNotContain(person.personalTexts().toArray(String[]::new));
        }
        Document key = storeClient.getDatabase("beacon").getCollection("contact_keys").find(Filters.eq("_id", uuid)).first();
        assertThat(key).as("the key is destroyed, its tombstone stays").containsKey("erased_at").doesNotContainKey("key");

        // Not found by what it was.
        assertThat(uuids(admin, company, obj("email", person.tag() + "@mail.example"))).isEmpty();
        assertThat(uuids(admin, company, obj("search", "Last" + person.tag()))).isEmpty();
        assertThat(uuids(admin, company, obj("search", "Last" + neighbour.tag()))).containsExactly(other);
        assertThat(streamSearchContacts("Last" + person.tag())).isEmpty();
        assertThat(streamSearchContacts("Last" + neighbour.tag())).containsExactly(other);

        // Again: nothing new, still a success. A personal value cannot come back; other fields still change.
        JsonNode again = success(admin.call("erase_contact_personal_data", keyed("contact_uuid", uuid)));
        assertErased(again, person, 3);
        assertThat(StoredEventDocuments.events(storeClient, uuid)).hasSize(3);
        assertError(admin.call("update_contact", keyed("contact_uuid", uuid, "email", "back@mail.example")),
                "validation_error");
        JsonNode retitled = success(admin.call("update_contact", keyed("contact_uuid", uuid, "title", "CTO")));
        assertErased(retitled, person, 4);
        assertThat(retitled.path("title").asText()).isEqualTo("CTO");
    }

    @Test
    void theFeedPushesTheErasureAsAnUpdateClearingThePersonalFields() {
        WsClient admin = admin();
        String company = companyUuid(admin);
        String uuid = createContact(admin, company, Person.unique("feed"));
        ChannelClient feed = channel(adminLogin().path("access_token").asText());
        feed.connected();
        feed.subscribe("company:" + company);

        success(admin.call("erase_contact_personal_data", keyed("contact_uuid", uuid)));

        JsonNode pushed = feed.nextEvent("company:" + company,
                m -> uuid.equals(m.path("data").path("contact_uuid").asText()), "the erasure of " + uuid);
        assertThat(pushed.path("type").asText()).isEqualTo("contact_updated");
        assertThat(texts(pushed.path("data").path("erased"))).containsExactlyElementsOf(PERSONAL);
        assertThat(fieldNames(pushed.path("data").path("changes"))).containsExactlyElementsOf(PERSONAL);
        for (String field : PERSONAL) {
            JsonNode change = pushed.path("data").path("changes").path(field);
            assertThat(change.path("old").isNull() && change.path("new").isNull()).as(field).isTrue();
        }
        assertThat(pushed.path("data").path("version").asLong()).isEqualTo(2);
    }

    @Test
    void aDeletedContactCanBeErasedAndAnUnknownOneIsNotFound() {
        WsClient admin = admin();
        String company = companyUuid(admin);
        Person person = Person.unique("gone");
        String uuid = createContact(admin, company, person);
        success(admin.call("delete_contact", keyed("contact_uuid", uuid)));

        JsonNode answer = success(admin.call("erase_contact_personal_data", keyed("contact_uuid", uuid)));

        assertThat(answer.isObject() && answer.isEmpty()).as("a deleted contact is shown as nothing: %s", answer).isTrue();
        List<Document> events = StoredEventDocuments.events(storeClient, uuid);
        assertThat(events).extracting(e -> e.getString("pt").replaceAll(".*\\.", ""))
                .containsExactly("ContactCreated", "ContactDeleted", "ContactPersonalDataErased");
        Document stored = storeClient.getDatabase("beacon").getCollection("contacts").find(Filters.eq("_id", uuid)).first();
        assertThat(stored.getBoolean("personal_data_erased")).isTrue();
        assertThat(stored.toJson()).doesNotContain(person.personalTexts().toArray(String[]::new));
        assertThat(success(admin.call("erase_contact_personal_data", keyed("contact_uuid", uuid))).isEmpty()).isTrue();

        assertError(admin.call("erase_contact_personal_data", keyed("contact_uuid", UUID.randomUUID().toString())),
                "not_found");
        assertError(admin.call("erase_contact_personal_data", keyed("contact_uuid", company)), "not_found");
        assertError(admin.call("erase_contact_personal_data", keyed()), "missing_field");
        assertError(admin.call("erase_contact_personal_data", keyed("contact_uuid", "not-a-uuid")), "validation_error");
        assertError(admin.call("erase_contact_personal_data", keyed("contact_uuid", uuid, "fields", List.of("email"))),
                "validation_error");
    }

    @Test
    void onlyAnAdminWithTheWriteKeyMayErase() {
        WsClient admin = admin();
        String company = companyUuid(admin);
        Person person = Person.unique("guarded");
        String uuid = createContact(admin, company, person);
        WsClient user = user();

        assertError(user.call("erase_contact_personal_data", keyed("contact_uuid", uuid)), "forbidden");
        assertError(admin.call("erase_contact_personal_data", obj("contact_uuid", uuid)), "forbidden");
        assertError(admin.call("erase_contact_personal_data", obj("write_key", WRITE_KEY + "x", "contact_uuid", uuid)),
                "forbidden");
        assertError(admin.call("erase_contact_personal_data", obj("X-Companies-Write-Key", "", "contact_uuid", uuid)),
                "forbidden");

        assertThat(StoredEventDocuments.events(storeClient, uuid)).hasSize(1);
        assertIntact(contact(admin, company, uuid), person);
        JsonNode viaHeader = success(admin.call("erase_contact_personal_data",
                obj("X-Companies-Write-Key", WRITE_KEY, "contact_uuid", uuid)));
        assertErased(viaHeader, person, 2);
    }

    @Test
    void anErasureStillHoldsAfterTheReadModelIsReplayedFromTheEvents() {
        WsClient admin = admin();
        String company = companyUuid(admin);
        Person person = Person.unique("replayed");
        Person neighbour = Person.unique("neighbour");
        String uuid = createContact(admin, company, person);
        String other = createContact(admin, company, neighbour);
        success(admin.call("update_contact", keyed("contact_uuid", uuid, "last_name", "Later" + person.tag())));
        success(admin.call("erase_contact_personal_data", keyed("contact_uuid", uuid)));
        success(admin.call("update_contact", keyed("contact_uuid", other, "stage", "customer")));
        TrackingToken head = eventStore.createHeadToken();
        // Damage the read model: only a rebuild from the events, not the document left in place, repairs it.
        storeClient.getDatabase("beacon").getCollection("contacts").updateOne(Filters.eq("_id", uuid),
                Updates.combine(Updates.set("email", "damaged@mail.example"), Updates.set("personal_data_erased", false)));

        TrackingEventProcessor processor = processing.eventProcessor("companies", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !processor.isReplaying() && caughtUpTo(head));

        JsonNode erased = contact(admin, company, uuid);
        assertErased(erased, person, 3);
        assertThat(erased.path("last_name").isNull()).isTrue();
        JsonNode kept = contact(admin, company, other);
        assertIntact(kept, neighbour);
        assertThat(kept.path("stage").asText()).isEqualTo("customer");
        Document stored = storeClient.getDatabase("beacon").getCollection("contacts").find(Filters.eq("_id", uuid)).first();
        assertThat(stored.toJson()).doesNotContain(person.personalTexts().toArray(String[]::new))
                .doesNotContain("Later" + person.tag());
        assertThat(uuids(admin, company, obj("search", "Later" + person.tag()))).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static void assertErased(JsonNode contact, Person person, long version) {
        assertThat(contact.path("personal_data_erased").asBoolean()).as("personal_data_erased of %s", contact).isTrue();
        assertThat(contact.path("version").asLong()).isEqualTo(version);
        for (String field : PERSONAL) {
            JsonNode value = field.startsWith("metadata.")
                    ? contact.path("metadata").path(field.substring("metadata.".length())) : contact.path(field);
            assertThat(value.isNull()).as("%s of %s", field, contact).isTrue();
        }
        assertThat(contact.toString()).doesNotContain(person.personalTexts().toArray(String[]::new));
        assertThat(contact.path("seniority").asText()).isEqualTo("senior");
        assertThat(texts(contact.path("departments"))).containsExactly("Engineering");
        assertThat(contact.path("metadata").path("city").asText()).isEqualTo("City " + person.tag());
        assertThat(contact.path("metadata").path("website").asText()).isEqualTo("https://site.example/" + person.tag());
    }

    private static void assertIntact(JsonNode contact, Person person) {
        assertThat(contact.path("personal_data_erased").asBoolean(true)).isFalse();
        JsonNode sent = JSON.valueToTree(person.data());
        for (String field : PERSONAL) {
            JsonNode value = field.startsWith("metadata.")
                    ? contact.path("metadata").path(field.substring("metadata.".length())) : contact.path(field);
            JsonNode expected = field.startsWith("metadata.")
                    ? sent.path("metadata").path(field.substring("metadata.".length())) : sent.path(field);
            assertThat(value.asText()).as(field).isEqualTo(expected.asText());
        }
    }

    private String companyUuid(WsClient admin) {
        return create(admin, "name", unique("Employer")).path("uuid").asText();
    }

    private static String createContact(WsClient admin, String company, Person person) {
        ObjectNode data = JSON.valueToTree(person.data());
        data.put("company_uuid", company);
        data.put("write_key", WRITE_KEY);
        return success(admin.call("create_contact", data)).path("uuid").asText();
    }

    /** The contact as {@code list_company_contacts} shows it. */
    private static JsonNode contact(WsClient client, String company, String uuid) {
        JsonNode page = success(client.call("list_company_contacts", obj("company_uuid", company, "limit", 1000)));
        for (JsonNode contact : page.path("results")) {
            if (uuid.equals(contact.path("uuid").asText())) {
                return contact;
            }
        }
        throw new AssertionError("contact " + uuid + " not listed in " + page);
    }

    private static List<String> uuids(WsClient client, String company, Map<String, Object> filters) {
        Map<String, Object> data = Json.with(filters, "company_uuid", company);
        return texts(success(client.call("get_company_contact_uuids", data)).path("uuids"));
    }

    /** The uuids {@code stream_search} over contacts finds for {@code query}. */
    private List<String> streamSearchContacts(String query) {
        ChannelClient client = channel(adminLogin().path("access_token").asText());
        client.connected();
        String requestId = client.ws().nextRequestId();
        ObjectNode envelope = JSON.createObjectNode().put("type", "stream_search").put("request_id", requestId);
        envelope.set("data", JSON.valueToTree(obj("query", query, "limit", 50, "entity", "contacts")));
        client.ws().sendEnvelope(requestId, envelope);
        JsonNode complete = client.ws().awaitMessage(m -> requestId.equals(m.path("request_id").asText(null))
                && !"search_result".equals(m.path("type").asText()), "end of stream_search " + requestId);
        assertThat(complete.path("type").asText()).isEqualTo("search_complete");
        return client.ws().received().stream()
                .filter(m -> requestId.equals(m.path("request_id").asText(null))
                        && "search_result".equals(m.path("type").asText()))
                .map(m -> m.path("data").path("uuid").asText())
                .toList();
    }

    private boolean caughtUpTo(TrackingToken head) {
        TrackingToken token = tokenStore.fetchToken("companies", 0);
        long position = token == null ? 0 : token.position().orElse(0);
        return position >= ((GlobalSequenceTrackingToken) head).getGlobalIndex();
    }
}

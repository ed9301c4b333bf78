package io.beacon.gateway.store.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import io.beacon.gateway.store.MongoStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event serializer's crypto-shredding, on the embedded store's {@code contact_keys}: what is stored,
 * what is read back with the key, and without it.
 */
class PersonalDataSerializerTest {

    private static final CompanyId ACME = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final ContactFields ADA = new ContactFields("Ada", "Lovelace", "ada@analytical.example",
            "Chief Engineer", "executive", List.of("Engineering", "R&D"), "verified", "+44 20 0001",
            "+44 20 0002", "+44 7700 0003", "+44 20 0004", "lead",
            new ContactMetadata("London", "England", "United Kingdom", "https://linkedin.com/in/ada-l",
                    "https://ada.example", "https://facebook.com/ada.l", "https://twitter.com/ada_l"));
    private static final List<String> ADA_PERSONAL_VALUES = List.of("Ada", "Lovelace", "ada@analytical.example",
            "+44 20 0001", "+44 20 0002", "+44 7700 0003", "+44 20 0004", "linkedin.com/in/ada-l",
            "facebook.com/ada.l", "twitter.com/ada_l");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private MongoStore store;
    private MongoDatabase database;
    private ContactKeyStore keys;
    private final Serializer plain = JacksonSerializer.defaultSerializer();
    private Serializer serializer;

    @BeforeEach
    void open() {
        store = MongoStore.embedded(dir, 0);
        database = store.client().getDatabase("beacon");
        keys = keyStore();
        serializer = wrapping(keys);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storedCreationHoldsNoPersonalValueInClearAndReadsBackEqual() {
        ContactCreated event = new ContactCreated(ContactId.random(), ACME, 1, ADA, Set.of());

        String stored = serializer.serialize(event, String.class).getData();

        assertThat(stored).doesNotContain(ADA_PERSONAL_VALUES.toArray(String[]::new));
        assertThat(stored).contains("Chief Engineer", "executive", "London", "https://ada.example", "lead",
                event.contactId().value(), "\"personal_cipher\":\"AES-256-GCM\"");
        assertThat(read(stored, ContactCreated.class)).isEqualTo(event);
    }

    @Test
    void storedUpdateEncryptsOldAndNewPersonalValuesOnly() {
        ContactId id = ContactId.random();
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("email", new FieldChange("ada@analytical.example", "ada@engine.example"));
        changes.put("mobile_phone", new FieldChange("+44 7700 0003", null));
        changes.put("title", new FieldChange("Chief Engineer", "Countess"));
        changes.put("metadata.twitter_url", new FieldChange(null, "https://twitter.com/ada_l"));
        ContactUpdated event = new ContactUpdated(id, ACME, changes, Set.of());

        String stored = serializer.serialize(event, String.class).getData();

        assertThat(stored).doesNotContain("ada@analytical.example", "ada@engine.example", "+44 7700 0003",
                "twitter.com/ada_l");
        JsonNode tree = tree(stored);
        assertThat(tree.path("changes").path("title").path("old").asText()).isEqualTo("Chief Engineer");
        assertThat(tree.path("changes").path("title").path("new").asText()).isEqualTo("Countess");
        assertThat(tree.path("changes").path("mobile_phone").path("new").isNull()).isTrue();
        assertThat(tree.path("changes").path("metadata.twitter_url").path("old").isNull()).isTrue();
        assertThat(read(stored, ContactUpdated.class)).isEqualTo(event);
    }

    @Test
    void everyValueHasItsOwnIvSoEqualValuesDoNotShow() {
        ContactFields twins = ADA.with(ContactField.LAST_NAME, "Ada");
        ContactCreated event = new ContactCreated(ContactId.random(), ACME, 1, twins, Set.of());

        JsonNode once = tree(serializer.serialize(event, String.class).getData());
        JsonNode again = tree(serializer.serialize(event, String.class).getData());

        String first = once.path("fields").path("first_name").asText();
        assertThat(first).isNotEqualTo(once.path("fields").path("last_name").asText())
                .isNotEqualTo(again.path("fields").path("first_name").asText());
        assertThat(Base64.getDecoder().decode(first)).as("IV + 3 bytes + tag").hasSize(12 + 3 + 16);
    }

    @Test
    void anEventStoredInClearBeforeEncryptionLoadsUnchanged() {
        ContactCreated event = new ContactCreated(ContactId.random(), ACME, 1, ADA, Set.of());
        ObjectNode legacy = (ObjectNode) tree(plain.serialize(event, String.class).getData());
        legacy.remove("erased");

        ContactCreated loaded = read(legacy.toString(), ContactCreated.class);

        assertThat(loaded).isEqualTo(event);
        assertThat(loaded.erased()).isEmpty();
        assertThat(database.getCollection(ContactKeyStore.COLLECTION).countDocuments())
                .as("reading creates no key").isZero();
    }

    @Test
    void onceTheKeyIsDestroyedPersonalValuesReadAsNullAndTheEventNamesThem() {
        ContactId id = ContactId.random();
        String created = serializer.serialize(new ContactCreated(id, ACME, 1, ADA, Set.of()), String.class).getData();
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("email", new FieldChange("ada@analytical.example", "ada@engine.example"));
        changes.put("title", new FieldChange("Chief Engineer", "Countess"));
        String updated = serializer.serialize(new ContactUpdated(id, ACME, changes, Set.of()), String.class).getData();

        keys.destroy(id);

        ContactCreated erasedCreation = read(created, ContactCreated.class);
        assertThat(erasedCreation.erased()).containsExactlyInAnyOrder("first_name", "last_name", "email",
                "work_direct_phone", "home_phone", "mobile_phone", "other_phone", "metadata.linkedin_url",
                "metadata.facebook_url", "metadata.twitter_url");
        ContactFields fields = erasedCreation.fields();
        assertThat(fields.firstName()).isNull();
        assertThat(fields.lastName()).isNull();
        assertThat(fields.email()).isNull();
        assertThat(fields.mobilePhone()).isNull();
        assertThat(fields.metadata()).isEqualTo(new ContactMetadata("London", "England", "United Kingdom", null,
                "https://ada.example", null, null));
        assertThat(fields.title()).isEqualTo("Chief Engineer");
        assertThat(fields.departments()).containsExactly("Engineering", "R&D");
        ContactUpdated erasedUpdate = read(updated, ContactUpdated.class);
        assertThat(erasedUpdate.erased()).containsExactly("email");
        assertThat(erasedUpdate.changes()).isEqualTo(Map.of("email", new FieldChange(null, null),
                "title", new FieldChange("Chief Engineer", "Countess")));
        Document tombstone = database.getCollection(ContactKeyStore.COLLECTION).find(Filters.eq("_id", id.value())).first();
        assertThat(tombstone).containsKey("erased_at").doesNotContainKey("key");
    }

    @Test
    void anEventStoredInClearOfAnErasedContactHidesItsPersonalValuesToo() {
        ContactId id = ContactId.random();
        String legacy = plain.serialize(new ContactCreated(id, ACME, 1, ADA, Set.of()), String.class).getData();

        keys.destroy(id);

        ContactCreated loaded = read(legacy, ContactCreated.class);
        assertThat(loaded.fields().email()).isNull();
        assertThat(loaded.fields().title()).isEqualTo("Chief Engineer");
        assertThat(loaded.erased()).contains("email", "first_name");
    }

    @Test
    void anErasedContactGetsNoNewPersonalValueButOtherChangesStillStore() {
        ContactId id = ContactId.random();
        serializer.serialize(new ContactCreated(id, ACME, 1, ADA, Set.of()), String.class);
        keys.destroy(id);

        assertThatThrownBy(() -> serializer.serialize(new ContactUpdated(id, ACME,
                Map.of("email", new FieldChange(null, "ada@engine.example")), Set.of()), String.class))
                .isInstanceOfSatisfying(BeaconException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        ContactUpdated title = new ContactUpdated(id, ACME, Map.of("title", new FieldChange("Chief Engineer", "Countess")),
                Set.of());
        assertThat(read(serializer.serialize(title, String.class).getData(), ContactUpdated.class)).isEqualTo(title);
    }

    @Test
    void aKeyAnotherNodeCreatedIsFoundThoughThisNodeRememberedNone() {
        ContactId id = ContactId.random();
        String legacy = plain.serialize(new ContactUpdated(id, ACME, Map.of("email",
                new FieldChange(null, "ada@analytical.example")), Set.of()), String.class).getData();
        read(legacy, ContactUpdated.class);  // this node now remembers "no key" for the contact
        Serializer otherNode = wrapping(keyStore());
        ContactCreated event = new ContactCreated(id, ACME, 1, ADA, Set.of());

        String stored = otherNode.serialize(event, String.class).getData();

        assertThat(read(stored, ContactCreated.class)).isEqualTo(event);
    }

    @Test
    void twoNodesCreatingTheKeyAtOnceEndUpWithTheSameOne() {
        ContactId id = ContactId.random();
        ContactKeyStore other = keyStore();

        assertThat(keys.keyForWriting(id.value()).getEncoded()).isEqualTo(other.keyForWriting(id.value()).getEncoded());
        assertThat(database.getCollection(ContactKeyStore.COLLECTION).countDocuments(Filters.eq("_id", id.value())))
                .isEqualTo(1);
    }

    @Test
    void aCiphertextMovedToAnotherFieldFailsLoudlyInsteadOfShowingThere() {
        ContactCreated event = new ContactCreated(ContactId.random(), ACME, 1, ADA, Set.of());
        ObjectNode stored = (ObjectNode) tree(serializer.serialize(event, String.class).getData());
        ObjectNode fields = (ObjectNode) stored.path("fields");
        fields.set("first_name", fields.get("email"));

        assertThatThrownBy(() -> read(stored.toString(), ContactCreated.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining(keyText(event.contactId()));
    }

    @Test
    void otherEventsPassThroughAsAxonWritesThem() {
        ContactDeleted event = new ContactDeleted(ContactId.random(), ACME, ContactDeletionCause.REQUESTED);

        String stored = serializer.serialize(event, String.class).getData();

        assertThat(stored).isEqualTo(plain.serialize(event, String.class).getData());
        assertThat(read(stored, ContactDeleted.class)).isEqualTo(event);
    }

    private ContactKeyStore keyStore() {
        return new ContactKeyStore(database, false, store::flush, new SecureRandom(), Duration.ofMinutes(5), 100);
    }

    private PersonalDataSerializer wrapping(ContactKeyStore keyStore) {
        return new PersonalDataSerializer(plain, () -> keyStore, new PersonalValueCipher(new SecureRandom()));
    }

    private <T> T read(String stored, Class<T> type) {
        SerializedObject<String> serialized = new SimpleSerializedObject<>(stored, String.class,
                plain.typeForClass(type));
        return serializer.deserialize(serialized);
    }

    /** The contact's key as base64, to check it shows nowhere. */
    private String keyText(ContactId id) {
        Document document = database.getCollection(ContactKeyStore.COLLECTION).find(Filters.eq("_id", id.value())).first();
        return Base64.getEncoder().encodeToString(document.get("key", Binary.class).getData());
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}

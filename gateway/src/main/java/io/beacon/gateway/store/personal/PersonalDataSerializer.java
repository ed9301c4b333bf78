package io.beacon.gateway.store.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.value.ContactField;
import io.beacon.gateway.store.personal.ContactKeyStore.KeyState;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import javax.crypto.SecretKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The event serializer with crypto-shredding: it wraps Axon's {@code eventSerializer} and, for
 * {@link ContactCreated} and {@link ContactUpdated}, replaces each personal value
 * ({@link ContactField#isPersonal()}) by its ciphertext under the contact's key when writing, and back
 * when reading. Every reader of events (aggregates, projections, feeds, history) goes through it, so
 * all of them see plain values, or, once the key is destroyed, nulls and the event's {@code erased}
 * set naming those fields. Nothing else changes: event types, field names and non-personal values
 * stay as they were, readable in the store.
 *
 * <p>An encrypted payload carries {@value #MARKER} at its top level. A payload without it was written
 * in clear (before this existed, or with no personal value): it is read as it is, unless the contact's
 * personal data was erased since, in which case its personal values are hidden on reading too (they
 * are still in the store: crypto-shredding can only reach what it encrypted).
 *
 * <p>Why a serializer and not an upcaster or a handler interceptor: it is the one place every event
 * passes on its way into and out of the store, both directions, whatever reads it.
 */
public final class PersonalDataSerializer implements Serializer {

    /** The top-level member that marks a payload whose personal values are ciphertext, and names the cipher. */
    static final String MARKER = "personal_cipher";
    static final String CIPHER = "AES-256-GCM";

    private static final String CREATED = ContactCreated.class.getName();
    private static final String UPDATED = ContactUpdated.class.getName();
    private static final String CONTACT_ID = "contactId";
    private static final String FIELDS = "fields";
    private static final String METADATA = "metadata";
    private static final String CHANGES = "changes";
    private static final String ERASED = "erased";
    private static final String OLD = "old";
    private static final String NEW = "new";

    private final Serializer delegate;
    private final Supplier<ContactKeyStore> keySource;
    private final PersonalValueCipher cipher;
    private volatile ContactKeyStore keys;

    /** {@code keys} is asked for the key store on first use (the serializer exists before the store's beans). */
    PersonalDataSerializer(Serializer delegate, Supplier<ContactKeyStore> keys, PersonalValueCipher cipher) {
        this.delegate = delegate;
        this.keySource = keys;
        this.cipher = cipher;
    }

    private ContactKeyStore keys() {
        ContactKeyStore store = keys;
        if (store == null) {
            store = keySource.get();
            keys = store;
        }
        return store;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof ContactCreated) && !(object instanceof ContactUpdated)) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        ObjectNode payload = (ObjectNode) tree.getData();
        List<Slot> slots = slots(payload, object instanceof ContactCreated);
        if (!slots.isEmpty()) {
            String contactId = payload.path(CONTACT_ID).asText();
            SecretKey key = keys().keyForWriting(contactId);
            for (Slot slot : slots) {
                slot.set(cipher.encrypt(key, contactId, slot.location(), slot.value()));
            }
            payload.put(MARKER, CIPHER);
        }
        return getConverter().convert(new SimpleSerializedObject<>(payload, JsonNode.class, tree.getType()),
                expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        String type = serializedObject.getType().getName();
        boolean created = CREATED.equals(type);
        if (!created && !UPDATED.equals(type)) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode data = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(),
                JsonNode.class);
        // An upcaster may hand over its own tree: never change what someone else holds.
        ObjectNode payload = (ObjectNode) (JsonNode.class.isAssignableFrom(serializedObject.getContentType())
                ? data.deepCopy() : data);
        open(payload, created);
        return delegate.deserialize(new SimpleSerializedObject<>(payload, JsonNode.class, serializedObject.getType()));
    }

    /** Puts the plain values back, or (key destroyed) nulls and the names of the erased fields. */
    private void open(ObjectNode payload, boolean created) {
        boolean encrypted = payload.remove(MARKER) != null;
        List<Slot> slots = slots(payload, created);
        if (slots.isEmpty()) {
            return;
        }
        String contactId = payload.path(CONTACT_ID).asText();
        KeyState state = keys().keyForReading(contactId, encrypted);
        if (state.key() != null && encrypted) {
            for (Slot slot : slots) {
                slot.set(cipher.decrypt(state.key(), contactId, slot.location(), slot.value()));
            }
        } else if (state.key() == null && (encrypted || state.erased())) {
            Set<String> erased = new TreeSet<>();
            for (Slot slot : slots) {
                slot.erase();
                erased.add(slot.field().apiName());
            }
            payload.set(ERASED, JsonNodeFactory.instance.arrayNode().addAll(
                    erased.stream().map(JsonNodeFactory.instance::textNode).toList()));
        }
        // Otherwise a payload written in clear of a contact not erased: read as it is.
    }

    /** Where the payload holds a personal value (non-null text): fields of a creation, old/new of an update. */
    private static List<Slot> slots(ObjectNode payload, boolean created) {
        List<Slot> slots = new ArrayList<>();
        for (ContactField field : ContactField.personal()) {
            if (created) {
                JsonNode fields = payload.path(FIELDS);
                JsonNode parent = field.isMetadata() ? fields.path(METADATA) : fields;
                String name = field.isMetadata() ? field.apiName().substring(METADATA.length() + 1) : field.apiName();
                addIfText(slots, parent, name, field, field.apiName());
            } else {
                JsonNode change = payload.path(CHANGES).path(field.apiName());
                addIfText(slots, change, OLD, field, field.apiName() + "." + OLD);
                addIfText(slots, change, NEW, field, field.apiName() + "." + NEW);
            }
        }
        return slots;
    }

    private static void addIfText(List<Slot> slots, JsonNode parent, String name, ContactField field, String location) {
        if (parent instanceof ObjectNode object && object.path(name).isTextual()) {
            slots.add(new Slot(object, name, field, location));
        }
    }

    /** One personal value in the payload: its parent object and member name, and where it sits (cipher AAD). */
    private record Slot(ObjectNode parent, String name, ContactField field, String location) {

        String value() {
            return parent.get(name).asText();
        }

        void set(String text) {
            parent.put(name, text);
        }

        void erase() {
            parent.putNull(name);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}

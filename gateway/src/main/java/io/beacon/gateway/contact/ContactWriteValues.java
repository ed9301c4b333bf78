package io.beacon.gateway.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.command.CreateContact;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.gateway.write.WriteRequests;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the contact fields of a create or update request into API-named, normalized values
 * ({@code metadata.city} for metadata), keeping explicit nulls so an update can clear a field.
 */
public final class ContactWriteValues {

    private static final Set<String> METADATA_FIELDS = Arrays.stream(ContactField.values())
            .filter(ContactField::isMetadata)
            .map(field -> field.apiName().substring("metadata.".length()))
            .collect(Collectors.toUnmodifiableSet());
    /** The top-level fields a write may carry: every non-metadata field, and {@code metadata}. */
    public static final Set<String> FIELDS = Stream.concat(
                    Arrays.stream(ContactField.values()).filter(field -> !field.isMetadata()).map(ContactField::apiName),
                    Stream.of("metadata"))
            .collect(Collectors.toUnmodifiableSet());

    private ContactWriteValues() {
    }

    /**
     * The command creating contact {@code id} from {@code data} (the fields of {@code create_contact},
     * {@code company_uuid} required); validation errors are thrown. Unknown fields are the caller's to refuse.
     */
    public static CreateContact createCommand(ContactId id, ObjectNode data) {
        CompanyId companyId = CompanyId.of(WriteRequests.required(data, "company_uuid"));
        Map<ContactField, Object> values = new EnumMap<>(ContactField.class);
        read(data).forEach((name, value) -> values.put(ContactField.fromApiName(name), value));
        return new CreateContact(id, companyId, ContactFields.of(values));
    }

    static Map<String, Object> read(ObjectNode data) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ContactField field : ContactField.values()) {
            if (!field.isMetadata() && data.has(field.apiName())) {
                values.put(field.apiName(), normalized(field.apiName(), data.get(field.apiName())));
            }
        }
        if (data.has("metadata")) {
            WriteRequests.readMetadata(data.get("metadata"), METADATA_FIELDS, values, ContactWriteValues::normalized);
        }
        return values;
    }

    /** The normalized value; JSON objects (query operators among them) and numbers are refused. */
    private static Object normalized(String name, JsonNode node) {
        return ContactField.fromApiName(name).normalize(WriteRequests.plain(name, node, false));
    }
}

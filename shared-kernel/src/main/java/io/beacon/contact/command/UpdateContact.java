package io.beacon.contact.command;

import io.beacon.common.BeaconException;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Change some fields of a contact. {@code values} holds only the fields the writer named, keyed by
 * API name ({@code metadata.city} for metadata), normalized; a null value clears the field.
 * {@code expectedVersion}, when given, must equal the contact's current version.
 */
public record UpdateContact(@TargetAggregateIdentifier ContactId contactId, Map<String, Object> values,
                            Long expectedVersion) {

    public UpdateContact {
        Objects.requireNonNull(contactId, "contactId");
        Map<String, Object> normalized = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                ContactField field = ContactField.fromApiName(name);
                normalized.put(field.apiName(), field.normalize(value));
            });
        }
        if (expectedVersion != null && expectedVersion < 1) {
            throw BeaconException.validation("expected_version must be a positive integer");
        }
        values = Collections.unmodifiableMap(normalized);
    }
}

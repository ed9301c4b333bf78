package io.beacon.contact.event;

import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.value.ContactId;

import java.util.Map;

/**
 * Some fields of a contact changed. {@code changes} holds only the fields whose value differs,
 * keyed by API name ({@code metadata.city} for metadata), each with its old and new value.
 * {@code companyId} is the contact's company, so projections can route without a lookup.
 */
public record ContactUpdated(ContactId contactId, CompanyId companyId, Map<String, FieldChange> changes) {
}

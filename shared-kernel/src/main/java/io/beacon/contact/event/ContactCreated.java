package io.beacon.contact.event;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;

/**
 * A contact came into being in a company. {@code number} is its integer id, assigned in creation
 * order (a counter of its own, apart from companies').
 */
public record ContactCreated(ContactId contactId, CompanyId companyId, long number, ContactFields fields) {
}

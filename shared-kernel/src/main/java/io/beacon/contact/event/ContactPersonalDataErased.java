package io.beacon.contact.event;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactId;

import java.util.List;

/**
 * A contact's personal data was erased: its key was destroyed, so the personal values in every one
 * of its events (past ones included) can no longer be read. {@code fields} names the personal fields
 * (API names); the event carries no value. The events themselves stay whole: history keeps who did
 * what and when, and replays still run; they show those fields as erased.
 */
public record ContactPersonalDataErased(ContactId contactId, CompanyId companyId, List<String> fields) {

    public ContactPersonalDataErased {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}

package io.beacon.contact.command;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;

import java.util.Objects;

/**
 * Create a contact with the given identity and fields, belonging to a live company. An unknown or
 * deleted company is {@code not_found}.
 */
public record CreateContact(ContactId contactId, CompanyId companyId, ContactFields fields) {

    public CreateContact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(companyId, "companyId");
        fields = fields == null ? ContactFields.EMPTY : fields;
    }
}

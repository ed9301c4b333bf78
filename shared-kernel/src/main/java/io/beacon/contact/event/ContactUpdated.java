package io.beacon.contact.event;

import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.value.ContactId;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Some fields of a contact changed. {@code changes} holds only the fields whose value differs,
 * keyed by API name ({@code metadata.city} for metadata), each with its old and new value.
 * {@code companyId} is the contact's company, so projections can route without a lookup.
 *
 * <p>Personal values are stored encrypted with the contact's key. {@code erased} names the changed
 * personal fields whose values can no longer be read because the key was destroyed: their change is
 * then {@code {old: null, new: null}}. Empty when written and while the key is there.
 */
public record ContactUpdated(ContactId contactId, CompanyId companyId, Map<String, FieldChange> changes,
                             Set<String> erased) {

    public ContactUpdated {
        erased = erased == null || erased.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(erased));
    }
}

package io.beacon.contact.event;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A contact came into being in a company. {@code number} is its integer id, assigned in creation
 * order (a counter of its own, apart from companies').
 *
 * <p>The personal fields ({@code ContactField.isPersonal()}) are stored encrypted with the contact's
 * key. {@code erased} names the personal fields whose values were there but can no longer be read
 * because the key was destroyed (those values are null here); it is empty when written and whenever
 * the key is still there, and absent from events stored before erasure existed.
 */
public record ContactCreated(ContactId contactId, CompanyId companyId, long number, ContactFields fields,
                             Set<String> erased) {

    public ContactCreated {
        erased = erased == null || erased.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(erased));
    }
}

package io.beacon.contact;

import io.beacon.company.value.CompanyId;
import io.beacon.contact.value.ContactId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The cascade's memory in maps, with the same idempotent semantics as {@link MongoCompanyContacts}. */
class InMemoryCompanyContacts implements CompanyContacts {

    private final Map<ContactId, CompanyId> contacts = new ConcurrentHashMap<>();
    private final Set<CompanyId> deletedCompanies = ConcurrentHashMap.newKeySet();

    @Override
    public void contactCreated(ContactId contactId, CompanyId companyId) {
        contacts.put(contactId, companyId);
    }

    @Override
    public void contactDeleted(ContactId contactId) {
        contacts.remove(contactId);
    }

    @Override
    public void companyDeleted(CompanyId companyId) {
        deletedCompanies.add(companyId);
    }

    @Override
    public boolean isCompanyDeleted(CompanyId companyId) {
        return deletedCompanies.contains(companyId);
    }

    @Override
    public List<ContactId> contactsOf(CompanyId companyId) {
        return contacts.entrySet().stream().filter(e -> e.getValue().equals(companyId)).map(Map.Entry::getKey).toList();
    }
}

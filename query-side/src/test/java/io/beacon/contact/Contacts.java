package io.beacon.contact;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test data: drives the contact projection through companies' and contacts' lives with explicit
 * sequence numbers and timestamps, and builds filters by component name.
 */
final class Contacts {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final ContactProjection projection;
    private long nextNumber = 1;

    Contacts(ContactProjection projection) {
        this.projection = projection;
    }

    /** A company's fields with a name and a website, the rest typical. */
    static CompanyFields companyFields(String name, String website) {
        return new CompanyFields(name, 250L, 50_000_000L, 1_000L, List.of("Software", "FinTech"), List.of("saas"),
                List.of("Java"), "1 Main St", null, new CompanyMetadata("Oakland", "CA", "United States", "+1-555",
                website, null, null, null));
    }

    CompanyId company(String name) {
        CompanyId id = CompanyId.random();
        projection.on(new CompanyCreated(id, nextNumber++, companyFields(name, "https://www." + name.toLowerCase() + ".example/")), 0);
        return id;
    }

    void updateCompany(CompanyId id, long sequence, Object... namesAndNewValues) {
        projection.on(new CompanyUpdated(id, changes(namesAndNewValues)), sequence);
    }

    void deleteCompany(CompanyId id, long sequence) {
        projection.on(new CompanyDeleted(id), sequence);
    }

    /** Creates a contact numbered in creation order, created {@code minutes} after {@link #T0}. */
    ContactId contact(CompanyId company, ContactFields fields, long minutes) {
        ContactId id = ContactId.random();
        projection.on(new ContactCreated(id, company, nextNumber++, fields, Set.of()), 0, T0.plusSeconds(60 * minutes));
        return id;
    }

    ContactId contact(CompanyId company, String first, String last) {
        return contact(company, person(first, last, null, null, List.of(), null), 0);
    }

    void update(ContactId id, CompanyId company, long sequence, Instant at, Object... namesAndNewValues) {
        projection.on(new ContactUpdated(id, company, changes(namesAndNewValues), Set.of()), sequence, at);
    }

    void delete(ContactId id, CompanyId company, long sequence, Instant at) {
        projection.on(new ContactDeleted(id, company, ContactDeletionCause.REQUESTED), sequence, at);
    }

    static ContactFields person(String first, String last, String title, String seniority, List<String> departments,
                                String emailStatus) {
        return new ContactFields(first, last, null, title, seniority, departments, emailStatus, null, null, null,
                null, null, ContactMetadata.EMPTY);
    }

    static Map<String, FieldChange> changes(Object... namesAndNewValues) {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndNewValues.length; i += 2) {
            changes.put((String) namesAndNewValues[i], new FieldChange(null, namesAndNewValues[i + 1]));
        }
        return changes;
    }

    /** A filter with the named components set, e.g. {@code filter("firstName", "ada", "titles", List.of("cto"))}. */
    static ContactFilter filter(Object... namesAndValues) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            given.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        RecordComponent[] components = ContactFilter.class.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = given.remove(components[i].getName());
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("ContactFilter has no " + given.keySet());
        }
        try {
            Constructor<ContactFilter> constructor = ContactFilter.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

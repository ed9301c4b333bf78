package io.beacon.gateway.it;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A long history appended straight to the event store, as the aggregates would have written it, for the
 * replay scenarios: company and contact lives built from an index, so that two runs with one tag write
 * the same events. Appends in batches of 1,000 events ({@link #append}, {@link #flush}).
 */
final class BulkHistory {

    private static final MetaData META = MetaData.with("actor_uuid", "00000000-0000-0000-0000-00000000bead")
            .and("actor_email", "bulk@test");

    private final EventStore eventStore;
    private final String tag;
    private final List<GenericDomainEventMessage<?>> batch = new ArrayList<>();
    private long appended;

    BulkHistory(EventStore eventStore, String tag) {
        this.eventStore = eventStore;
        this.tag = tag;
    }

    static CompanyId companyId(String tag, int i) {
        return CompanyId.of(UUID.nameUUIDFromBytes((tag + ":company:" + i).getBytes()).toString());
    }

    /**
     * Company {@code i}: created (name {@code <tag>-company-<i>}, industry and keyword from {@code i}), then four
     * updates (employees, an industry added and removed again, renamed to {@code <tag>-renamed-<i>}). Answers the
     * sequence number its next event takes.
     */
    long companyLife(int i, long number) {
        CompanyId id = companyId(tag, i);
        String industry = "industry-" + (i % 37);
        CompanyFields fields = new CompanyFields(tag + "-company-" + i, (long) i, (long) i * 1000, null,
                List.of(industry), List.of("kw-" + (i % 11)), List.of(), "Street " + i, null,
                new CompanyMetadata("City " + (i % 50), null, "Country " + (i % 7), null, null, null, null, null));
        long sequence = 0;
        append(company(id, sequence++, new CompanyCreated(id, number, fields)));
        append(company(id, sequence++, new CompanyUpdated(id, Map.of(
                "employees_count", new FieldChange((long) i, (long) i + 1)))));
        append(company(id, sequence++, new CompanyUpdated(id, Map.of(
                "industries", new FieldChange(List.of(industry), List.of(industry, "extra-" + (i % 5)))))));
        append(company(id, sequence++, new CompanyUpdated(id, Map.of(
                "industries", new FieldChange(List.of(industry, "extra-" + (i % 5)), List.of(industry))))));
        append(company(id, sequence++, new CompanyUpdated(id, Map.of(
                "name", new FieldChange(tag + "-company-" + i, tag + "-renamed-" + i)))));
        return sequence;
    }

    /** A contact of company {@code i} ({@code c<i>@<tag>.test}), created and then given another title. */
    void contactLife(int i, long companyNumber) {
        ContactId contact = ContactId.of(UUID.nameUUIDFromBytes((tag + ":contact:" + i).getBytes()).toString());
        CompanyId company = companyId(tag, i);
        ContactFields fields = new ContactFields("First" + i, "Last" + i, "c" + i + "@" + tag + ".test",
                "Engineer", "senior", List.of("engineering"), "verified", null, null, null, null, "lead",
                new ContactMetadata("City " + (i % 50), null, null, null, null, null, null));
        append(new GenericDomainEventMessage<>("Contact", contact.value(), 0,
                new ContactCreated(contact, company, companyNumber, fields, Set.of()), META));
        append(new GenericDomainEventMessage<>("Contact", contact.value(), 1, new ContactUpdated(contact, company, Map.of(
                "title", new FieldChange("Engineer", "Lead engineer")), Set.of()), META));
    }

    void companyRenamed(int i, long sequence, String from, String to) {
        CompanyId id = companyId(tag, i);
        append(company(id, sequence, new CompanyUpdated(id, Map.of("name", new FieldChange(from, to)))));
    }

    void companyDeleted(int i, long sequence) {
        CompanyId id = companyId(tag, i);
        append(company(id, sequence, new CompanyDeleted(id)));
    }

    /** Publishes what is still held; answers the number of events appended in all. */
    long flush() {
        if (!batch.isEmpty()) {
            eventStore.publish(batch);
            appended += batch.size();
            batch.clear();
        }
        return appended;
    }

    private void append(GenericDomainEventMessage<?> event) {
        batch.add(event);
        if (batch.size() >= 1_000) {
            flush();
        }
    }

    private static GenericDomainEventMessage<?> company(CompanyId id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Company", id.value(), sequence, payload, META);
    }
}

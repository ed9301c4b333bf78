package io.beacon.gateway.history;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.beacon.gateway.history.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

class EntityStreamsTest {

    private static final CompanyId COMPANY = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final ContactId CONTACT = ContactId.of("5b6e1c2a-0000-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.100200Z");

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final EntityStreams streams = new EntityStreams(engine);

    @BeforeEach
    void sevenCompanyEventsAndAContact() {
        engine.appendEvents(event("Company", COMPANY.value(), 0,
                new CompanyCreated(COMPANY, 1, CompanyFields.EMPTY.with(io.beacon.company.value.CompanyField.NAME, "v0")), T0));
        for (int sequence = 1; sequence <= 5; sequence++) {
            engine.appendEvents(event("Company", COMPANY.value(), sequence, new CompanyUpdated(COMPANY,
                    Map.of("name", new FieldChange("v" + (sequence - 1), "v" + sequence))), T0.plusSeconds(sequence)));
        }
        engine.appendEvents(event("Company", COMPANY.value(), 6, new CompanyDeleted(COMPANY), T0.plusSeconds(6)));
        engine.appendEvents(event("Contact", CONTACT.value(), 0,
                new ContactCreated(CONTACT, COMPANY, 1, ContactFields.EMPTY, Set.of()), T0));
    }

    @Test
    void aSliceIsAtMostTheLimitAndNamesTheNextSequence() {
        EntityStreams.Slice first = streams.slice(COMPANY.value(), CompanyCreated.class, 0, 3).orElseThrow();
        EntityStreams.Slice middle = streams.slice(COMPANY.value(), CompanyCreated.class, 3, 3).orElseThrow();
        EntityStreams.Slice last = streams.slice(COMPANY.value(), CompanyCreated.class, 6, 3).orElseThrow();

        assertThat(sequences(first.events())).containsExactly(0L, 1L, 2L);
        assertThat(first.nextSequence()).isEqualTo(3L);
        assertThat(sequences(middle.events())).containsExactly(3L, 4L, 5L);
        assertThat(middle.nextSequence()).isEqualTo(6L);
        assertThat(sequences(last.events())).containsExactly(6L);
        assertThat(last.nextSequence()).isNull();
        assertThat(last.creation().getPayload()).isInstanceOf(CompanyCreated.class);
    }

    @Test
    void aSliceFromPastTheEndIsEmptyAndComplete() {
        EntityStreams.Slice slice = streams.slice(COMPANY.value(), CompanyCreated.class, 7, 10).orElseThrow();

        assertThat(slice.events()).isEmpty();
        assertThat(slice.nextSequence()).isNull();
    }

    @Test
    void anIdentifierOfAnotherKindOrOfNothingIsNoEntity() {
        assertThat(streams.slice(CONTACT.value(), CompanyCreated.class, 0, 10)).isEmpty();
        assertThat(streams.slice(CONTACT.value(), CompanyCreated.class, 1, 10)).isEmpty();
        assertThat(streams.slice(COMPANY.value(), ContactCreated.class, 0, 10)).isEmpty();
        assertThat(streams.slice("4c0d1a9e-0000-4000-8000-000000000000", CompanyCreated.class, 0, 10)).isEmpty();
        assertThat(streams.until(CONTACT.value(), CompanyCreated.class, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void untilAnInstantReadsTheEventsStampedUpToItsMillisecond() {
        // T0 is 10:00:00.100200: as reads show it, 10:00:00.100.
        assertThat(streams.until(COMPANY.value(), CompanyCreated.class, Instant.parse("2026-11-30T10:00:00.099Z"))).isEmpty();
        assertThat(sequences(streams.until(COMPANY.value(), CompanyCreated.class, Instant.parse("2026-11-30T10:00:00.100Z"))))
                .containsExactly(0L);
        assertThat(sequences(streams.until(COMPANY.value(), CompanyCreated.class, Instant.parse("2026-11-30T10:00:02.5Z"))))
                .containsExactly(0L, 1L, 2L);
        assertThat(streams.until(COMPANY.value(), CompanyCreated.class, T0.plusSeconds(3600))).hasSize(7);
    }

    private static List<Long> sequences(List<DomainEventMessage<?>> events) {
        return events.stream().map(DomainEventMessage::getSequenceNumber).toList();
    }
}

package io.beacon.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactDeleted;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Company events stored before revision 2 (no revision) read as revision 2, every value kept. */
class CompanyEventsUpcasterTest {

    private static final String ID = "5b2e8f0a-3c1d-4e6f-9a7b-2c3d4e5f6a7b";

    /**
     * A CompanyCreated as Beacon stored it before revision 2: written by the revision-null class with the
     * application's (Spring's) ObjectMapper through Axon's JacksonSerializer. The id is Java-named, the
     * fields were API-named already; nulls and empty lists are written out.
     */
    private static final String OLD_CREATED = "{\"companyId\":\"" + ID + "\",\"number\":42,\"fields\":{"
            + "\"name\":\"Acme Analytics Inc\",\"employees_count\":250,\"annual_revenue\":50000000,\"total_funding\":null,"
            + "\"industries\":[\"Technology\",\"Software\"],\"keywords\":[\"saas\",\"b2b\"],\"technologies\":[],"
            + "\"address\":\"123 Main St\",\"text_search\":null,\"metadata\":{\"city\":\"San Francisco\",\"state\":\"CA\","
            + "\"country\":\"United States\",\"phone_number\":\"+1-415-555-0100\",\"website\":\"https://acme.example\","
            + "\"linkedin_url\":\"https://www.linkedin.com/company/acme\",\"facebook_url\":null,\"twitter_url\":null}}}";

    private static final String NEW_CREATED = "{\"company_id\":\"" + ID + "\",\"number\":42,\"fields\":{"
            + "\"name\":\"Acme Analytics Inc\",\"employees_count\":250,\"annual_revenue\":50000000,\"total_funding\":null,"
            + "\"industries\":[\"Technology\",\"Software\"],\"keywords\":[\"saas\",\"b2b\"],\"technologies\":[],"
            + "\"address\":\"123 Main St\",\"text_search\":null,\"metadata\":{\"city\":\"San Francisco\",\"state\":\"CA\","
            + "\"country\":\"United States\",\"phone_number\":\"+1-415-555-0100\",\"website\":\"https://acme.example\","
            + "\"linkedin_url\":\"https://www.linkedin.com/company/acme\",\"facebook_url\":null,\"twitter_url\":null}}}";

    private static final CompanyFields ACME = new CompanyFields("Acme Analytics Inc", 250L, 50_000_000L, null,
            List.of("Technology", "Software"), List.of("saas", "b2b"), List.of(), "123 Main St", null,
            new CompanyMetadata("San Francisco", "CA", "United States", "+1-415-555-0100", "https://acme.example",
                    "https://www.linkedin.com/company/acme", null, null));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** As the application builds it: Axon's JacksonSerializer on Spring's ObjectMapper. */
    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(Jackson2ObjectMapperBuilder.json().build()).build();
    /** Axon's default: fails on unknown properties, so a name left over by the upcaster would show. */
    private final JacksonSerializer strict = JacksonSerializer.defaultSerializer();
    private final CompanyEventsUpcaster upcaster = new CompanyEventsUpcaster();

    @Test
    void anOldCompanyCreatedBecomesRevisionTwoWithEveryValueKept() throws IOException {
        IntermediateEventRepresentation upcast = upcastOne(stored(CompanyCreated.class, null, OLD_CREATED));

        assertThat(upcast.getType().getName()).isEqualTo(CompanyCreated.class.getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        JsonNode payload = upcast.getData(JsonNode.class).getData();
        assertThat(payload).isEqualTo(JSON.readTree(NEW_CREATED));
        assertThat(fieldNames(payload)).containsExactly("company_id", "number", "fields");
        assertThat(payload.path("fields").path("total_funding").isNull()).isTrue();
        assertThat(payload.path("fields").path("metadata").path("facebook_url").isNull()).isTrue();
    }

    @Test
    void anOldCompanyCreatedReadsAsTheSameCompany() {
        CompanyCreated expected = new CompanyCreated(CompanyId.of(ID), 42, ACME);

        assertThat(read(stored(CompanyCreated.class, null, OLD_CREATED), serializer)).isEqualTo(expected);
        assertThat(read(stored(CompanyCreated.class, null, OLD_CREATED), strict)).isEqualTo(expected);
    }

    @Test
    void anOldCompanyUpdatedKeepsItsChangesKeyedByApiName() {
        String old = "{\"companyId\":\"" + ID + "\",\"changes\":{\"employees_count\":{\"old\":250,\"new\":260},"
                + "\"metadata.phone_number\":{\"old\":null,\"new\":\"+1-415-555-0199\"},"
                + "\"industries\":{\"old\":[\"Technology\"],\"new\":[]}}}";
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("employees_count", new FieldChange(250, 260));
        changes.put("metadata.phone_number", new FieldChange(null, "+1-415-555-0199"));
        changes.put("industries", new FieldChange(List.of("Technology"), List.of()));

        assertThat(read(stored(CompanyUpdated.class, null, old), strict))
                .isEqualTo(new CompanyUpdated(CompanyId.of(ID), changes));
        assertThat(fieldNames(upcastOne(stored(CompanyUpdated.class, null, old)).getData(JsonNode.class).getData()
                .path("changes"))).containsExactly("employees_count", "metadata.phone_number", "industries");
    }

    @Test
    void anOldCompanyDeletedReadsAsRevisionTwo() {
        String old = "{\"companyId\":\"" + ID + "\"}";

        assertThat(upcastOne(stored(CompanyDeleted.class, null, old)).getType().getRevision()).isEqualTo("2");
        assertThat(read(stored(CompanyDeleted.class, null, old), strict)).isEqualTo(new CompanyDeleted(CompanyId.of(ID)));
    }

    @Test
    void companyEventsAreNowStoredAsRevisionTwoWithApiNames() throws IOException {
        GenericDomainEventMessage<CompanyCreated> event = new GenericDomainEventMessage<>("Company", ID, 0,
                new CompanyCreated(CompanyId.of(ID), 42, ACME));

        SerializedObject<String> payload = event.serializePayload(serializer, String.class);

        assertThat(payload.getType().getRevision()).isEqualTo("2");
        assertThat(JSON.readTree(payload.getData())).isEqualTo(JSON.readTree(NEW_CREATED));
        assertThat(read(stored(CompanyCreated.class, "2", payload.getData()), strict)).isEqualTo(event.getPayload());
    }

    @Test
    void revisionTwoAndOtherEventsAreLeftAlone() {
        InitialEventRepresentation current = new InitialEventRepresentation(
                stored(CompanyCreated.class, "2", NEW_CREATED), serializer);
        InitialEventRepresentation contact = new InitialEventRepresentation(
                stored(ContactDeleted.class, null, "{\"contactId\":\"" + ID + "\"}"), serializer);

        assertThat(upcaster.upcast(Stream.of(current, contact)).toList()).containsExactly(current, contact);
    }

    private IntermediateEventRepresentation upcastOne(DomainEventData<String> stored) {
        List<IntermediateEventRepresentation> upcast =
                upcaster.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    /** Upcasts and deserializes as the event store does for an aggregate's events. */
    private Object read(DomainEventData<String> stored, JacksonSerializer with) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), with, upcaster).asStream()
                .findFirst().orElseThrow().getPayload();
    }

    private static DomainEventData<String> stored(Class<?> type, String revision, String payload) {
        return new GenericDomainEventEntry<>("Company", ID, 0, "event-" + type.getSimpleName(),
                Instant.parse("2026-11-20T10:00:00Z"), type.getName(), revision, payload, "{\"actor_uuid\":\"a\"}");
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}

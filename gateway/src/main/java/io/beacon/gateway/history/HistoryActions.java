package io.beacon.gateway.history;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.query.CompanyView;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.value.ContactId;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import io.beacon.gateway.ws.WireTime;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The audit trail: {@code get_company_history} and {@code get_contact_history} answer an entity's
 * events, oldest first ({@link HistoryEntries}), paged by {@code from_sequence} and {@code limit};
 * {@code get_company_as_of} and {@code get_contact_as_of} answer the entity as it was at an instant,
 * folded from its events ({@link CompanyFold}, {@link ContactFold}) in the shape of its current reads.
 * Deleted entities keep their history. Any signed-in user may read them, like the other reads; they
 * read the event store, not a read model, so they can be subscribed to like any read action.
 */
@Component
class HistoryActions implements ActionFamily {

    /** Most events one history answer carries, and how many it carries when not told. */
    static final int MAX_LIMIT = 10_000;

    private static final Set<String> COMPANY_HISTORY = Set.of("company_uuid", "from_sequence", "limit");
    private static final Set<String> COMPANY_AS_OF = Set.of("company_uuid", "as_of");
    private static final Set<String> CONTACT_HISTORY = Set.of("contact_uuid", "from_sequence", "limit");
    private static final Set<String> CONTACT_AS_OF = Set.of("contact_uuid", "as_of");

    private final EntityStreams streams;

    HistoryActions(EntityStreams streams) {
        this.streams = streams;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("get_company_history", HistoryParams.class, ErrorCode.GET_ERROR, this::companyHistory)
                        .accepting(COMPANY_HISTORY),
                ActionDefinition.of("get_company_as_of", HistoryParams.class, ErrorCode.GET_ERROR, this::companyAsOf)
                        .accepting(COMPANY_AS_OF),
                ActionDefinition.of("get_contact_history", HistoryParams.class, ErrorCode.GET_ERROR, this::contactHistory)
                        .accepting(CONTACT_HISTORY),
                ActionDefinition.of("get_contact_as_of", HistoryParams.class, ErrorCode.GET_ERROR, this::contactAsOf)
                        .accepting(CONTACT_AS_OF));
    }

    private CompletionStage<Map<String, Object>> companyHistory(ActionContext context, HistoryParams params) {
        CompanyId id = CompanyId.of(required(params.companyUuid(), "company_uuid"));
        EntityStreams.Slice slice = streams.slice(id.value(), CompanyCreated.class, from(params), limit(params))
                .orElseThrow(() -> BeaconException.notFound("company " + id + " not found"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("company_uuid", id.value());
        return CompletableFuture.completedFuture(page(answer, slice));
    }

    private CompletionStage<CompanyView> companyAsOf(ActionContext context, HistoryParams params) {
        CompanyId id = CompanyId.of(required(params.companyUuid(), "company_uuid"));
        Instant asOf = asOf(params);
        CompanyFold company = new CompanyFold();
        streams.until(id.value(), CompanyCreated.class, asOf).forEach(company::apply);
        return CompletableFuture.completedFuture(company.view()
                .orElseThrow(() -> BeaconException.notFound("company " + id + " did not exist at " + asOf)));
    }

    private CompletionStage<Map<String, Object>> contactHistory(ActionContext context, HistoryParams params) {
        ContactId id = ContactId.of(required(params.contactUuid(), "contact_uuid"));
        EntityStreams.Slice slice = streams.slice(id.value(), ContactCreated.class, from(params), limit(params))
                .orElseThrow(() -> BeaconException.notFound("contact " + id + " not found"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contact_uuid", id.value());
        answer.put("company_uuid", ((ContactCreated) slice.creation().getPayload()).companyId().value());
        return CompletableFuture.completedFuture(page(answer, slice));
    }

    /** The contact with its company's name at that instant too: as it was then, not as it is now. */
    private CompletionStage<ContactView> contactAsOf(ActionContext context, HistoryParams params) {
        ContactId id = ContactId.of(required(params.contactUuid(), "contact_uuid"));
        Instant asOf = asOf(params);
        ContactFold contact = new ContactFold();
        streams.until(id.value(), ContactCreated.class, asOf).forEach(contact::apply);
        CompanyFold company = new CompanyFold();
        if (contact.companyUuid() != null) {
            streams.until(contact.companyUuid(), CompanyCreated.class, asOf).forEach(company::apply);
        }
        return CompletableFuture.completedFuture(contact.view(company.name())
                .orElseThrow(() -> BeaconException.notFound("contact " + id + " did not exist at " + asOf)));
    }

    private static Map<String, Object> page(Map<String, Object> answer, EntityStreams.Slice slice) {
        answer.put("events", slice.events().stream().map(HistoryEntries::entry).toList());
        answer.put("next_sequence", slice.nextSequence());
        return answer;
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw BeaconException.missing(field);
        }
        return value;
    }

    private static long from(HistoryParams params) {
        Long from = params.fromSequence();
        if (from != null && from < 0) {
            throw BeaconException.validation("from_sequence must not be negative");
        }
        return from == null ? 0 : from;
    }

    private static int limit(HistoryParams params) {
        Integer limit = params.limit();
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw BeaconException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit == null ? MAX_LIMIT : limit;
    }

    private static Instant asOf(HistoryParams params) {
        return WireTime.parse("as_of", required(params.asOf(), "as_of"));
    }
}

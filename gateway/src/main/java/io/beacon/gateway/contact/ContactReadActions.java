package io.beacon.gateway.contact;

import io.beacon.common.ErrorCode;
import io.beacon.company.query.SortKey;
import io.beacon.company.query.ValueOrdering;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.query.ContactAttribute;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.query.ContactOrdering;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactUuids;
import io.beacon.contact.query.ContactValues;
import io.beacon.contact.query.CountCompanyContacts;
import io.beacon.contact.query.FindCompanyContactUuids;
import io.beacon.contact.query.FindCompanyContacts;
import io.beacon.contact.query.ListCompanyContactValues;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.PageCursor;
import io.beacon.gateway.ws.Pagination;
import io.beacon.gateway.ws.QueryActionFamily;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The company contact reads of seed 000: {@code list_company_contacts}, {@code count_company_contacts},
 * {@code get_company_contact_uuids} and the six attribute lookups
 * ({@code list_company_contact_first_names} … {@code list_company_contact_email_statuses}), answered
 * by the query side's contacts read model. An unknown or deleted company is {@code not_found}.
 */
@Component
class ContactReadActions extends QueryActionFamily {

    private static final Map<String, ContactAttribute> LOOKUPS = lookups();

    ContactReadActions(QueryGateway queries) {
        super(queries);
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        List<ActionDefinition<?>> actions = new ArrayList<>(List.of(
                ActionDefinition.of("list_company_contacts", ContactQueryParams.class, ErrorCode.LIST_ERROR, this::list)
                        .accepting(ContactQueryParams.FILTERS, ContactQueryParams.LIST_EXTRAS),
                ActionDefinition.of("count_company_contacts", ContactQueryParams.class, ErrorCode.COUNT_ERROR, this::count)
                        .accepting(ContactQueryParams.FILTERS),
                ActionDefinition.of("get_company_contact_uuids", ContactQueryParams.class, ErrorCode.UUIDS_ERROR, this::uuids)
                        .accepting(ContactQueryParams.FILTERS, ContactQueryParams.UUIDS_EXTRAS)));
        LOOKUPS.forEach((action, attribute) -> actions.add(
                ActionDefinition.of(action, ContactQueryParams.class, ErrorCode.LIST_ERROR,
                                (ActionContext context, ContactQueryParams params) -> values(attribute, params))
                        .accepting(ContactQueryParams.FILTERS, ContactQueryParams.VALUES_EXTRAS)));
        return List.copyOf(actions);
    }

    private CompletionStage<Map<String, Object>> list(ActionContext context, ContactQueryParams params) {
        CompanyId company = ContactFilters.company(params);
        ContactFilter filter = ContactFilters.from(params, true);
        List<SortKey> ordering = SortKey.parse(params.ordering(), ContactOrdering.FIELDS);
        Pagination.checkRequestUrl(params.requestUrl());
        String fingerprint = PageCursor.fingerprint("contacts|" + company + "|" + filter + "|" + ordering);
        PageCursor position = Pagination.position(params.cursor(), params.page(), params.pageSize(),
                params.limit(), params.offset(), fingerprint);
        FindCompanyContacts query = new FindCompanyContacts(company, filter, ordering, position.offset(), position.limit());
        return queries.query(query, ContactPage.class).thenApply(page -> {
            String defaultUrl = context.connection().baseUrl() + "/api/v1/companies/company/"
                    + UriUtils.encodePathSegment(company.value(), StandardCharsets.UTF_8) + "/contacts/";
            return Pagination.page(params.requestUrl(), defaultUrl, position, fingerprint, page.hasMore(),
                    page.results());
        });
    }

    private CompletionStage<Map<String, Long>> count(ActionContext context, ContactQueryParams params) {
        CountCompanyContacts query = new CountCompanyContacts(ContactFilters.company(params),
                ContactFilters.from(params, true));
        return queries.query(query, Long.class).thenApply(count -> Map.of("count", count));
    }

    private CompletionStage<Map<String, Object>> uuids(ActionContext context, ContactQueryParams params) {
        FindCompanyContactUuids query = new FindCompanyContactUuids(ContactFilters.company(params),
                ContactFilters.from(params, true), SortKey.parse(params.ordering(), ContactOrdering.FIELDS),
                params.limit());
        return queries.query(query, ContactUuids.class).thenApply(result -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("count", result.uuids().size());
            data.put("uuids", result.uuids());
            return data;
        });
    }

    private CompletionStage<Map<String, Object>> values(ContactAttribute attribute, ContactQueryParams params) {
        ListCompanyContactValues query = new ListCompanyContactValues(ContactFilters.company(params), attribute,
                ContactFilters.from(params, false), params.search(), ValueOrdering.parse(params.ordering()),
                params.distinct() == null || params.distinct(), params.offset() == null ? 0 : params.offset(),
                params.limit() == null ? Pagination.DEFAULT_LIMIT : params.limit());
        return queries.query(query, ContactValues.class)
                .thenApply(result -> Map.of("results", result.values()));
    }

    private static Map<String, ContactAttribute> lookups() {
        Map<String, ContactAttribute> lookups = new LinkedHashMap<>();
        lookups.put("list_company_contact_first_names", ContactAttribute.FIRST_NAME);
        lookups.put("list_company_contact_last_names", ContactAttribute.LAST_NAME);
        lookups.put("list_company_contact_titles", ContactAttribute.TITLE);
        lookups.put("list_company_contact_seniorities", ContactAttribute.SENIORITY);
        lookups.put("list_company_contact_departments", ContactAttribute.DEPARTMENTS);
        lookups.put("list_company_contact_email_statuses", ContactAttribute.EMAIL_STATUS);
        return Map.copyOf(lookups);
    }
}

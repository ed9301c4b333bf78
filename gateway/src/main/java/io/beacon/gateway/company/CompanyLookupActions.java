package io.beacon.gateway.company;

import io.beacon.common.ErrorCode;
import io.beacon.company.query.CompanyAttribute;
import io.beacon.company.query.CompanyValues;
import io.beacon.company.query.FindCompanyValues;
import io.beacon.company.query.ValueOrdering;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.Pagination;
import io.beacon.gateway.ws.QueryActionFamily;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The attribute lookups of seed 000 — {@code list_company_names}, {@code list_industries},
 * {@code list_keywords}, {@code list_technologies}, {@code list_company_cities},
 * {@code list_company_states}, {@code list_company_countries}, {@code list_company_addresses} — answered
 * by the query side's value counts, or by the filtered companies when company filters are given.
 */
@Component
class CompanyLookupActions extends QueryActionFamily {

    private static final Set<String> SEPARATED = Set.of("separated");

    CompanyLookupActions(QueryGateway queries) {
        super(queries);
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                lookup("list_company_names", CompanyAttribute.NAME),
                lookup("list_industries", CompanyAttribute.INDUSTRIES),
                lookup("list_keywords", CompanyAttribute.KEYWORDS),
                lookup("list_technologies", CompanyAttribute.TECHNOLOGIES),
                lookup("list_company_cities", CompanyAttribute.CITY),
                lookup("list_company_states", CompanyAttribute.STATE),
                lookup("list_company_countries", CompanyAttribute.COUNTRY),
                lookup("list_company_addresses", CompanyAttribute.ADDRESS));
    }

    private ActionDefinition<CompanyQueryParams> lookup(String name, CompanyAttribute attribute) {
        ActionDefinition<CompanyQueryParams> action = ActionDefinition.of(name, CompanyQueryParams.class,
                ErrorCode.LIST_ERROR, (context, params) -> values(context, params, attribute));
        return attribute.isList()
                ? action.accepting(CompanyQueryParams.FILTERS, CompanyQueryParams.LOOKUP_EXTRAS, SEPARATED)
                : action.accepting(CompanyQueryParams.FILTERS, CompanyQueryParams.LOOKUP_EXTRAS);
    }

    private CompletionStage<Map<String, Object>> values(ActionContext context, CompanyQueryParams params,
                                                        CompanyAttribute attribute) {
        FindCompanyValues query = new FindCompanyValues(attribute, CompanyFilters.forLookup(params), params.search(),
                Boolean.TRUE.equals(params.separated()), !Boolean.FALSE.equals(params.distinct()),
                ValueOrdering.parse(params.ordering()), params.offset() == null ? 0 : params.offset(),
                params.limit() == null ? Pagination.DEFAULT_LIMIT : params.limit());
        return queries.query(query, CompanyValues.class).thenApply(values -> Map.of("results", values.results()));
    }
}

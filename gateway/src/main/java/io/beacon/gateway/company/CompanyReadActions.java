package io.beacon.gateway.company;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.query.CompanyFilter;
import io.beacon.company.query.CompanyPage;
import io.beacon.company.query.CompanyUuids;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.CountCompanies;
import io.beacon.company.query.FindCompanies;
import io.beacon.company.query.FindCompany;
import io.beacon.company.query.FindCompanyUuids;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyId;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.PageCursor;
import io.beacon.gateway.ws.Pagination;
import io.beacon.gateway.ws.QueryActionFamily;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code list_companies}, {@code get_company}, {@code count_companies}, {@code get_company_uuids}:
 * reads answered by the query side's companies read model.
 */
@Component
class CompanyReadActions extends QueryActionFamily {

    CompanyReadActions(QueryGateway queries) {
        super(queries);
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("list_companies", CompanyQueryParams.class, ErrorCode.LIST_ERROR, this::list)
                        .accepting(CompanyQueryParams.FILTERS, CompanyQueryParams.LIST_EXTRAS),
                ActionDefinition.of("get_company", GetCompanyParams.class, ErrorCode.GET_ERROR, this::get),
                ActionDefinition.of("count_companies", CompanyQueryParams.class, ErrorCode.COUNT_ERROR, this::count)
                        .accepting(CompanyQueryParams.FILTERS),
                ActionDefinition.of("get_company_uuids", CompanyQueryParams.class, ErrorCode.UUIDS_ERROR, this::uuids)
                        .accepting(CompanyQueryParams.FILTERS, CompanyQueryParams.UUIDS_EXTRAS));
    }

    private CompletionStage<Map<String, Object>> list(ActionContext context, CompanyQueryParams params) {
        CompanyFilter filter = CompanyFilters.from(params);
        List<SortKey> ordering = SortKey.parse(params.ordering(), SortKey.COMPANY_FIELDS);
        Pagination.checkRequestUrl(params.requestUrl());
        String fingerprint = PageCursor.fingerprint(filter + "|" + ordering);
        PageCursor position = Pagination.position(params.cursor(), params.page(), params.pageSize(),
                params.limit(), params.offset(), fingerprint);
        FindCompanies query = new FindCompanies(filter, ordering, position.offset(), position.limit());
        return queries.query(query, CompanyPage.class).thenApply(page -> {
            String defaultUrl = context.connection().baseUrl() + "/api/v1/companies/";
            return Pagination.page(params.requestUrl(), defaultUrl, position, fingerprint, page.hasMore(),
                    page.results());
        });
    }

    private CompletionStage<CompanyView> get(ActionContext context, GetCompanyParams params) {
        if (params.companyUuid() == null) {
            throw BeaconException.missing("company_uuid");
        }
        CompanyId id = CompanyId.of(params.companyUuid());
        return queries.query(new FindCompany(id), ResponseTypes.optionalInstanceOf(CompanyView.class))
                .thenApply(found -> found.orElseThrow(() -> BeaconException.notFound("company " + id + " not found")));
    }

    private CompletionStage<Map<String, Long>> count(ActionContext context, CompanyQueryParams params) {
        return queries.query(new CountCompanies(CompanyFilters.from(params)), Long.class)
                .thenApply(count -> Map.of("count", count));
    }

    private CompletionStage<Map<String, Object>> uuids(ActionContext context, CompanyQueryParams params) {
        FindCompanyUuids query = new FindCompanyUuids(CompanyFilters.from(params),
                SortKey.parse(params.ordering(), SortKey.COMPANY_FIELDS), params.limit());
        return queries.query(query, CompanyUuids.class).thenApply(result -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("count", result.uuids().size());
            data.put("uuids", result.uuids());
            return data;
        });
    }
}

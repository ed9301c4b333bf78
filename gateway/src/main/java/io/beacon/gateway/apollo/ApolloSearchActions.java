package io.beacon.gateway.apollo;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.common.WebDomains;
import io.beacon.contact.query.ContactCompanyCriteria;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactSearch;
import io.beacon.contact.query.ContactUuids;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.CountSearchContacts;
import io.beacon.contact.query.FindSearchContactUuids;
import io.beacon.contact.query.SearchContacts;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import io.beacon.gateway.ws.PageCursor;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code search_contacts}, {@code count_contacts} and {@code get_uuids} of seed 001: an Apollo
 * people-search URL mapped onto Beacon's contact search ({@link ApolloMapping}), narrowed by the
 * request's company-name and domain filters, answered by the query side across all companies.
 * The three agree: the same URL and filters select the same contacts.
 */
@Component
class ApolloSearchActions implements ActionFamily {

    private final QueryGateway queries;
    private final ApolloCatalogue catalogue;

    ApolloSearchActions(QueryGateway queries, ApolloCatalogue catalogue) {
        this.queries = queries;
        this.catalogue = catalogue;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.APOLLO;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("search_contacts", ApolloSearchParams.class, ErrorCode.SEARCH_ERROR, this::search)
                        .accepting(ApolloSearchParams.FILTERS, ApolloSearchParams.SEARCH_EXTRAS),
                ActionDefinition.of("count_contacts", ApolloSearchParams.class, ErrorCode.COUNT_ERROR, this::count)
                        .accepting(ApolloSearchParams.FILTERS),
                ActionDefinition.of("get_uuids", ApolloSearchParams.class, ErrorCode.UUIDS_ERROR, this::uuids)
                        .accepting(ApolloSearchParams.FILTERS, ApolloSearchParams.UUIDS_EXTRAS));
    }

    private CompletionStage<Map<String, Object>> search(ActionContext context, ApolloSearchParams params) {
        boolean simple = simpleView(params.view());
        boolean pageable = params.limit() != null && params.offset() == null && params.cursor() == null;
        ApolloMapping mapping = map(params, pageable);
        ContactSearch search = narrowed(mapping.search(), params);
        String fingerprint = PageCursor.fingerprint("apollo|" + search + "|" + mapping.ordering());
        Long offset = params.offset();
        Integer limit = params.limit();
        if (params.cursor() != null) {
            PageCursor position = PageCursor.decode(params.cursor(), fingerprint);
            offset = position.offset();
            limit = position.limit();
        } else if (limit != null && offset == null && mapping.page() != null) {
            offset = (long) (mapping.page() - 1) * limit;
        }
        long start = offset == null ? 0 : offset;
        Integer size = limit;
        CompletionStage<ContactPage> page = search == null
                ? CompletableFuture.completedFuture(new ContactPage(List.of(), false))
                : queries.query(new SearchContacts(search, mapping.ordering(), start, size), ContactPage.class);
        return page.thenApply(result -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("next", size != null && result.hasMore()
                    ? new PageCursor(start + size, size).encode(fingerprint) : null);
            data.put("previous", size != null && start > 0
                    ? new PageCursor(Math.max(0, start - size), size).encode(fingerprint) : null);
            data.put("results", simple ? result.results().stream().map(ApolloSearchActions::simpleItem).toList()
                    : result.results());
            data.put("apollo_url", params.url());
            data.put("mapping_summary", summary(mapping));
            data.put("unmapped_categories", unmappedCategories(mapping));
            return data;
        });
    }

    private CompletionStage<Map<String, Long>> count(ActionContext context, ApolloSearchParams params) {
        ContactSearch search = narrowed(map(params, false).search(), params);
        CompletionStage<Long> count = search == null ? CompletableFuture.completedFuture(0L)
                : queries.query(new CountSearchContacts(search), Long.class);
        return count.thenApply(n -> Map.of("count", n));
    }

    private CompletionStage<Map<String, Object>> uuids(ActionContext context, ApolloSearchParams params) {
        ContactSearch search = narrowed(map(params, false).search(), params);
        CompletionStage<ContactUuids> uuids = search == null ? CompletableFuture.completedFuture(new ContactUuids(List.of()))
                : queries.query(new FindSearchContactUuids(search, params.limit()), ContactUuids.class);
        return uuids.thenApply(result -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("count", result.uuids().size());
            data.put("uuids", result.uuids());
            return data;
        });
    }

    private ApolloMapping map(ApolloSearchParams params, boolean pageable) {
        if (params.url() == null) {
            throw BeaconException.missing("url");
        }
        return ApolloMapping.of(ApolloUrl.parse(params.url()), catalogue, pageable);
    }

    /**
     * The URL's search with the request's company filters added; null when they leave nothing to find
     * (the URL's domains and the request's domain list have none in common).
     */
    private static ContactSearch narrowed(ContactSearch search, ApolloSearchParams params) {
        ContactCompanyCriteria c = search.company();
        List<String> domains = c.domains();
        List<String> requested = domains(params.includeDomainList());
        if (!requested.isEmpty()) {
            if (domains.isEmpty()) {
                domains = requested;
            } else {
                // Both must hold: a contact's company has one domain, so it must be in both lists.
                Set<String> common = new LinkedHashSet<>(domains(domains));
                common.retainAll(requested);
                if (common.isEmpty()) {
                    return null;
                }
                domains = List.copyOf(common);
            }
        }
        List<String> names = params.includeCompanyName() == null || params.includeCompanyName().isBlank()
                ? c.names() : concat(c.names(), List.of(params.includeCompanyName()));
        ContactCompanyCriteria company = new ContactCompanyCriteria(names,
                concat(c.excludeNames(), text(params.excludeCompanyName())), domains,
                concat(c.excludeDomains(), domains(params.excludeDomainList())), c.employeeRanges(), c.industries(),
                c.excludeIndustries(), c.keywordsAny(), c.keywordsAll(), c.excludeKeywords(), c.technologies(),
                c.excludeTechnologies(), c.revenueMin(), c.revenueMax(), c.locations(), c.excludeLocations());
        return new ContactSearch(search.contact(), company, search.personName(), search.keywords());
    }

    private static List<String> text(List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw BeaconException.validation("company name and domain lists take strings, not null");
        }
        return values;
    }

    private static List<String> domains(List<String> values) {
        return text(values).stream().map(WebDomains::of).filter(Objects::nonNull).distinct().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean simpleView(String view) {
        if (view == null || view.equals("full")) {
            return false;
        }
        if (view.equals("simple")) {
            return true;
        }
        throw BeaconException.validation("view must be \"simple\" or \"full\"");
    }

    /** Seed 001's ContactSimpleItem: the company as its name. */
    private static Map<String, Object> simpleItem(ContactView contact) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("uuid", contact.uuid());
        item.put("first_name", contact.firstName());
        item.put("last_name", contact.lastName());
        item.put("title", contact.title());
        item.put("company", contact.company() == null ? null : contact.company().name());
        item.put("email", contact.email());
        item.put("email_status", contact.emailStatus());
        item.put("created_at", contact.createdAt());
        item.put("updated_at", contact.updatedAt());
        return item;
    }

    private static Map<String, Object> summary(ApolloMapping mapping) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_apollo_parameters", mapping.mappedNames().size() + mapping.unmapped().size());
        summary.put("mapped_parameters", mapping.mappedNames().size());
        summary.put("unmapped_parameters", mapping.unmapped().size());
        summary.put("mapped_parameter_names", mapping.mappedNames());
        summary.put("unmapped_parameter_names", mapping.unmapped().stream().map(ApolloMapping.Unmapped::name).toList());
        return summary;
    }

    private List<Map<String, Object>> unmappedCategories(ApolloMapping mapping) {
        List<Map<String, Object>> categories = new ArrayList<>();
        List<String> order = new ArrayList<>(catalogue.categories());
        mapping.unmapped().stream().map(ApolloMapping.Unmapped::category)
                .filter(category -> !order.contains(category)).distinct().forEach(order::add);
        for (String category : order) {
            List<Map<String, Object>> parameters = new ArrayList<>();
            for (ApolloMapping.Unmapped unmapped : mapping.unmapped()) {
                if (unmapped.category().equals(category)) {
                    Map<String, Object> parameter = new LinkedHashMap<>();
                    parameter.put("name", unmapped.name());
                    parameter.put("values", unmapped.values());
                    parameter.put("category", unmapped.category());
                    parameter.put("reason", unmapped.reason());
                    parameters.add(parameter);
                }
            }
            if (!parameters.isEmpty()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", category);
                entry.put("total_parameters", parameters.size());
                entry.put("parameters", parameters);
                categories.add(entry);
            }
        }
        return categories;
    }
}

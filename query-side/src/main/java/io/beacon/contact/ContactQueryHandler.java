package io.beacon.contact;

import io.beacon.common.BeaconException;
import io.beacon.company.query.ValueOrdering;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.query.ContactAttribute;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactUuids;
import io.beacon.contact.query.ContactValues;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.CountCompanyContacts;
import io.beacon.contact.query.FindCompanyContactUuids;
import io.beacon.contact.query.FindCompanyContacts;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.query.FindContactIncludingDeleted;
import io.beacon.contact.query.ListCompanyContactValues;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.beacon.contact.ContactDocuments.COLLECTION;

/**
 * Answers contact queries from the {@code contacts} read model. Deleted contacts are invisible; a
 * company that was never created or is deleted is {@code not_found}.
 *
 * <p>A company's contacts are read with {@code $in} over its slot keys (a unique index, which even
 * the embedded store uses), a chunk at a time; filters, ordering and paging then run on that bounded
 * set in {@link ContactMatcher}. A query never scans other companies' contacts.
 */
@Component
public class ContactQueryHandler {

    /** What reads leave out of a contact document: the company's search data and lower-case shadows. */
    private static final String[] NOT_READ = {"company.domain", "company.employees_count", "company.annual_revenue",
            "company.industries", "company.industries_lc", "company.keywords", "company.keywords_lc",
            "company.technologies", "company.technologies_lc", "company.city", "company.state", "company.country",
            ContactDocuments.DEPARTMENTS_LC};

    private final MongoOperations mongo;
    private final ContactCompanies companies;

    public ContactQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
        this.companies = new ContactCompanies(mongo);
    }

    @QueryHandler
    public ContactView handle(FindContact query) {
        Query byId = Query.query(Criteria.where(ContactDocuments.ID).is(query.contactId().value()));
        byId.fields().exclude(NOT_READ);
        Document document = mongo.findOne(byId, Document.class, COLLECTION);
        return document == null || Boolean.TRUE.equals(document.get(ContactDocuments.DELETED))
                ? null : ContactDocuments.toView(document);
    }

    @QueryHandler
    public ContactView handle(FindContactIncludingDeleted query) {
        Query byId = Query.query(Criteria.where(ContactDocuments.ID).is(query.contactId().value()));
        byId.fields().exclude(NOT_READ);
        Document document = mongo.findOne(byId, Document.class, COLLECTION);
        return document == null ? null : ContactDocuments.toView(document);
    }

    @QueryHandler
    public ContactPage handle(FindCompanyContacts query) {
        List<ContactView> matches = matching(query.companyId(), query.filter());
        matches.sort(ContactMatcher.ordering(query.ordering()));
        int from = (int) Math.min(query.offset(), matches.size());
        int to = (int) Math.min((long) from + query.limit(), matches.size());
        return new ContactPage(List.copyOf(matches.subList(from, to)), to < matches.size());
    }

    @QueryHandler
    public Long handle(CountCompanyContacts query) {
        return (long) matching(query.companyId(), query.filter()).size();
    }

    @QueryHandler
    public ContactUuids handle(FindCompanyContactUuids query) {
        List<ContactView> matches = matching(query.companyId(), query.filter());
        matches.sort(ContactMatcher.ordering(query.ordering()));
        Stream<String> uuids = matches.stream().map(ContactView::uuid);
        return new ContactUuids((query.limit() == null ? uuids : uuids.limit(query.limit())).toList());
    }

    @QueryHandler
    public ContactValues handle(ListCompanyContactValues query) {
        String needle = query.search() == null ? null : ContactMatcher.lower(query.search());
        // Per value, how many contacts have it (a contact repeating a department counts once).
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ContactView contact : matching(query.companyId(), query.filter())) {
            valuesOf(contact, query.attribute())
                    .filter(value -> value != null && !value.isBlank())
                    .filter(value -> needle == null || ContactMatcher.lower(value).contains(needle))
                    .distinct()
                    .forEach(value -> counts.merge(value, 1L, Long::sum));
        }
        List<String> ordered = new ArrayList<>(counts.keySet());
        ordered.sort(valueOrder(query.ordering(), counts));
        Stream<String> values = query.distinct()
                ? ordered.stream()
                : ordered.stream().flatMap(value -> Stream.generate(() -> value).limit(counts.get(value)));
        return new ContactValues(values.skip(query.offset()).limit(query.limit()).toList());
    }

    /** The live contacts of a live company that match {@code filter}, in no particular order. */
    private List<ContactView> matching(CompanyId companyId, ContactFilter filter) {
        ContactCompanies.Source source = companies.find(companyId);
        if (!source.visible()) {
            throw BeaconException.notFound("company " + companyId + " not found");
        }
        Predicate<ContactView> wanted = ContactMatcher.matching(filter);
        List<ContactView> matches = new ArrayList<>();
        companies.forEachSlotChunk(source, keys -> {
            Query query = Query.query(Criteria.where(ContactDocuments.COMPANY_SLOT).in(keys));
            query.fields().exclude(NOT_READ);
            mongo.executeQuery(query, COLLECTION, document -> {
                if (!Boolean.TRUE.equals(document.get(ContactDocuments.DELETED))) {
                    ContactView view = ContactDocuments.toView(document);
                    if (wanted.test(view)) {
                        matches.add(view);
                    }
                }
            });
        });
        return matches;
    }

    private static Stream<String> valuesOf(ContactView contact, ContactAttribute attribute) {
        return switch (attribute) {
            case FIRST_NAME -> Stream.of(contact.firstName());
            case LAST_NAME -> Stream.of(contact.lastName());
            case TITLE -> Stream.of(contact.title());
            case SENIORITY -> Stream.of(contact.seniority());
            case DEPARTMENTS -> contact.departments().stream();
            case EMAIL_STATUS -> Stream.of(contact.emailStatus());
        };
    }

    /** As the company lookups order: values case-insensitively, then exactly; counts tie-break by value. */
    private static Comparator<String> valueOrder(ValueOrdering ordering, Map<String, Long> counts) {
        Comparator<String> byValue = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());
        Comparator<String> byCount = Comparator.comparing(counts::get);
        return switch (ordering) {
            case VALUE -> byValue;
            case VALUE_DESCENDING -> byValue.reversed();
            case COUNT -> byCount.thenComparing(byValue);
            case COUNT_DESCENDING -> byCount.reversed().thenComparing(byValue);
        };
    }
}

package io.beacon.contact;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.contact.ContactSearchMatcher.Candidate;
import io.beacon.contact.query.ContactCompanyCriteria;
import io.beacon.contact.query.ContactCompanyCriteria.Range;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactSearch;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.CountSearchContacts;
import io.beacon.contact.query.FindSearchContactUuids;
import io.beacon.contact.query.SearchContacts;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import io.beacon.readmodel.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.beacon.contact.ContactSearchHandlerTest.criteria;
import static io.beacon.contact.Contacts.filter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many varied contacts, searched with every criterion the store is given: the answer equals the
 * contacts matched in Java over the whole collection, and every page the same list sorted and sliced.
 */
class ContactSearchPushDownTest {

    private static final List<List<SortKey>> ORDERINGS = List.of(List.of(),
            SortKey.parse("last_name", SearchContacts.SORT_FIELDS),
            SortKey.parse("-company_employees_count,title", SearchContacts.SORT_FIELDS),
            SortKey.parse("company_annual_revenue,-seniority", SearchContacts.SORT_FIELDS));
    private static final long[][] PAGES = {{0, 10}, {7, 5}, {40, 25}, {0, 1_000}, {200, 10}};

    private final InMemoryMongo store = new InMemoryMongo(template -> new ContactIndexes(template).ensure());
    private final ContactProjection projection = new ContactProjection(store.template(), new EmittedContacts().emitter());
    private final ContactSearchHandler handler = new ContactSearchHandler(store.template());
    private final Contacts contacts = new Contacts(projection);
    private final List<CompanyId> companies = List.of(
            company("Alpha Inc", "https://www.alpha.com", 10L, 1_000_000L, List.of("Software"), List.of("saas", "b2b"),
                    List.of("Java")),
            company("Beta LLC", "http://BETA.io/x", 250L, 50_000_000L, List.of("software", "FinTech"), List.of("B2B"),
                    List.of("woo_commerce")),
            company("Gamma", null, null, null, List.of(), List.of(), List.of()),
            company("Delta Corp", "delta.com", 5_000L, 2_000_000_000L, List.of("Manufacturing"),
                    List.of("industrial", "b2b"), List.of("SAP")),
            company("Epsilon", "https://epsilon.org", 250L, 50_000_000L, List.of("SOFTWARE"), List.of("SaaS"),
                    List.of("WooCommerce")));
    private final CompanyId deletedCompany = companies.get(4);

    ContactSearchPushDownTest() {
        Random random = new Random(42);
        List<String> departments = List.of("Sales", "sales", "Engineering", "ENGINEERING", "R&D", "Marketing");
        List<String> seniorities = new ArrayList<>(List.of("senior", "Senior", "junior", "vp"));
        seniorities.add(null);
        List<String> titles = new ArrayList<>(List.of("VP Sales", "Vice President, Sales", "Sr. Engineer",
                "Senior Engineer", "CEO", "Engineering Manager"));
        titles.add(null);
        List<String> lastNames = new ArrayList<>(List.of("Smith", "Jones", "Lovelace", "smith"));
        lastNames.add(null);
        for (int i = 0; i < 160; i++) {
            List<String> own = departments.stream().filter(d -> random.nextInt(4) == 0).toList();
            ContactId id = contacts.contact(companies.get(i % companies.size()), new ContactFields("F" + random.nextInt(50),
                    pick(random, lastNames), null, pick(random, titles), pick(random, seniorities), own, null, null,
                    null, null, null, null, ContactMetadata.EMPTY), random.nextInt(1_000));
            if (i % 7 == 3) {
                contacts.delete(id, companies.get(i % companies.size()), 1, Contacts.T0.plusSeconds(100_000));
            }
        }
        contacts.deleteCompany(deletedCompany, 1);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void everySearchAnswersWhatMatchingTheWholeCollectionInJavaGives() {
        List<ContactSearch> searches = List.of(ContactSearch.ALL,
                ofContact(filter("departments", List.of("SALES"))),
                ofContact(filter("departments", List.of("engineering", "r&d"))),
                ofContact(filter("excludeDepartments", List.of("Sales"))),
                ofContact(filter("titles", List.of("vp sales"), "seniorities", List.of("SENIOR"))),
                ofCompany(criteria("domains", List.of("alpha.com", "https://www.beta.io/"))),
                ofCompany(criteria("excludeDomains", List.of("DELTA.com"))),
                ofCompany(criteria("employeeRanges", List.of(new Range(200, 300L)))),
                ofCompany(criteria("employeeRanges", List.of(new Range(0, 20L), new Range(1_000, null)))),
                ofCompany(criteria("revenueMin", 50_000_000L)),
                ofCompany(criteria("revenueMax", 50_000_000L)),
                ofCompany(criteria("industries", List.of("software"))),
                ofCompany(criteria("excludeIndustries", List.of("fintech"))),
                ofCompany(criteria("keywordsAny", List.of("SAAS"))),
                ofCompany(criteria("keywordsAll", List.of("b2b", "saas"))),
                ofCompany(criteria("excludeKeywords", List.of("b2b"))),
                new ContactSearch(filter("departments", List.of("sales")), criteria("industries", List.of("Software"),
                        "employeeRanges", List.of(new Range(0, 300L))), null, null));
        List<Candidate> all = store.template().findAll(Document.class, ContactDocuments.COLLECTION).stream()
                .map(Candidate::of).toList();

        for (ContactSearch search : searches) {
            List<Candidate> expected = all.stream()
                    .filter(ContactSearchMatcher.matching(search, Set.of(deletedCompany.value()))).toList();

            assertThat(pushedDown(search)).as("read from the store for %s", search).containsAll(uuids(expected));
            assertThat(handler.handle(new FindSearchContactUuids(search, null)).uuids()).as("%s", search)
                    .isEqualTo(uuids(sorted(expected, List.of())));
            assertThat(handler.handle(new CountSearchContacts(search))).isEqualTo(expected.size());
            for (List<SortKey> ordering : ORDERINGS) {
                List<String> inOrder = uuids(sorted(expected, ordering));
                for (long[] page : PAGES) {
                    ContactPage answer = handler.handle(new SearchContacts(search, ordering, page[0], (int) page[1]));
                    int from = (int) Math.min(page[0], inOrder.size());
                    int to = (int) Math.min(page[0] + page[1], inOrder.size());
                    assertThat(answer.results()).extracting(ContactView::uuid).isEqualTo(inOrder.subList(from, to));
                    assertThat(answer.hasMore()).isEqualTo(to < inOrder.size());
                }
            }
        }
    }

    @Test
    void thePushedDownPartNarrowsWhatIsRead() {
        ContactSearch sales = ofContact(filter("departments", List.of("sales")));
        ContactSearch bigCompanies = ofCompany(criteria("employeeRanges", List.of(new Range(1_000, null))));
        long live = store.template().count(ContactSearchCriteria.query(ContactSearch.ALL), ContactDocuments.COLLECTION);

        assertThat(live).isEqualTo(160 - 160 / 7 - 1);
        assertThat(pushedDown(sales)).hasSizeBetween(1, (int) live - 1);
        assertThat(pushedDown(bigCompanies)).hasSizeBetween(1, (int) live - 1);
    }

    private CompanyId company(String name, String website, Long employees, Long revenue, List<String> industries,
                              List<String> keywords, List<String> technologies) {
        CompanyId id = CompanyId.random();
        projection.on(new CompanyCreated(id, 0, new CompanyFields(name, employees, revenue, null, industries, keywords,
                technologies, null, null, new CompanyMetadata(null, null, null, null, website, null, null, null))), 0);
        return id;
    }

    private List<String> pushedDown(ContactSearch search) {
        return store.template().find(ContactSearchCriteria.query(search), Document.class, ContactDocuments.COLLECTION)
                .stream().map(document -> document.getString(ContactDocuments.ID)).toList();
    }

    private static List<Candidate> sorted(List<Candidate> candidates, List<SortKey> ordering) {
        return candidates.stream().sorted(ContactSearchMatcher.ordering(ordering)).toList();
    }

    private static List<String> uuids(List<Candidate> candidates) {
        return candidates.stream().map(candidate -> candidate.contact().uuid()).toList();
    }

    private static ContactSearch ofContact(ContactFilter filter) {
        return new ContactSearch(filter, null, null, null);
    }

    private static ContactSearch ofCompany(ContactCompanyCriteria criteria) {
        return new ContactSearch(null, criteria, null, null);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}

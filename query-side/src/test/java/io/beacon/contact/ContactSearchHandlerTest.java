package io.beacon.contact;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.contact.query.ContactCompanyCriteria;
import io.beacon.contact.query.ContactCompanyCriteria.Range;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactSearch;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.CountSearchContacts;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.query.FindSearchContactUuids;
import io.beacon.contact.query.SearchContacts;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import io.beacon.readmodel.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.beacon.contact.Contacts.T0;
import static io.beacon.contact.Contacts.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactSearchHandlerTest {

    private final InMemoryMongo store = new InMemoryMongo(template -> new ContactIndexes(template).ensure());
    private final ContactProjection projection = new ContactProjection(store.template(), new EmittedContacts().emitter());
    private final ContactSearchHandler search = new ContactSearchHandler(store.template());
    private final Contacts contacts = new Contacts(projection);
    private long companyNumber = 1_000;

    private final CompanyId acme = company("Acme Corp", "https://www.acme.com/about", 250L, 50_000_000L,
            List.of("Software", "FinTech"), List.of("SaaS", "B2B"), List.of("WooCommerce", "Google Analytics"),
            "Oakland", "CA", "United States");
    private final CompanyId globex = company("Globex", "http://globex.io", 5_000L, 2_000_000_000L,
            List.of("Manufacturing"), List.of("B2B", "Industrial"), List.of("SAP"), "Berlin", "Berlin", "Germany");
    private final CompanyId initech = company("Initech", null, null, null, List.of("Software"), List.of(),
            List.of("Java"), "Austin", "TX", "United States");
    // Created a minute apart, in this order.
    private final ContactId ada = contacts.contact(acme, new ContactFields("Ada", "Lovelace", "ada@acme.com",
            "VP, Sales", "vp", List.of("Sales"), "verified", "+1-415-555-0101", null, null, null, "lead",
            new ContactMetadata("San Francisco", "CA", "United States", "https://linkedin.com/in/ada", null, null,
                    null)), 1);
    private final ContactId bob = contacts.contact(acme, new ContactFields("Bob", "Stone", "bob@acme.com",
            "Senior Software Engineer", "senior", List.of("Engineering"), "unverified", null, "+1-212-555-0102", null,
            null, "customer", new ContactMetadata("New York", "NY", "United States", null, "https://bob.dev", null,
            null)), 2);
    private final ContactId cy = contacts.contact(globex, new ContactFields("Cy", "Young", "cy@globex.io",
            "Chief Executive Officer", "c_suite", List.of("Executive"), "verified", null, null, "+49-30-555-0103",
            null, "lead", new ContactMetadata("Berlin", "Berlin", "Germany", null, null, "https://facebook.com/cy",
            null)), 3);
    private final ContactId dee = contacts.contact(globex, new ContactFields("Dee", "Lovelace", "dee@globex.io",
            "Sr. Engineering Manager", "manager", List.of("engineering", "R&D"), "bounced", null, null, null,
            "+49-30-555-0104", null, new ContactMetadata("Munich", "Bavaria", "Germany", null, null, null,
            "https://twitter.com/dee")), 4);
    private final ContactId eve = contacts.contact(initech, new ContactFields("Eve", "Adams", null, "CEO & Founder",
            "founder", List.of(), null, null, null, null, null, null,
            new ContactMetadata("Austin", "TX", "United States", null, null, null, null)), 5);
    private final ContactId fay = contacts.contact(initech, new ContactFields("Fay", null, null, null, null,
            List.of(), null, null, null, null, null, null, ContactMetadata.EMPTY), 6);

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void anEmptySearchFindsEveryLiveContactOfEveryCompanyById() {
        assertThat(found(ContactSearch.ALL)).isEqualTo(ids(ada, bob, cy, dee, eve, fay));
    }

    @Test
    void deletedContactsAreHidden() {
        contacts.delete(bob, acme, 1, T0.plusSeconds(3_600));

        assertThat(found(ContactSearch.ALL)).isEqualTo(ids(ada, cy, dee, eve, fay));
        assertThat(byContact("lastName", "stone")).isEmpty();
    }

    @Test
    void contactsOfADeletedCompanyAreHiddenBeforeTheCascadeDeletesThem() {
        contacts.deleteCompany(globex, 1);

        assertThat(store.template().findById(cy.value(), Document.class, ContactDocuments.COLLECTION)
                .getBoolean(ContactDocuments.DELETED)).isFalse();
        assertThat(found(ContactSearch.ALL)).isEqualTo(ids(ada, bob, eve, fay));
        assertThat(byCompany("names", List.of("globex"))).isEmpty();
    }

    @Test
    void contactsOfACompanyWhoseCreationIsNotProjectedYetAreHiddenUntilItIs() {
        CompanyId late = CompanyId.random();
        ContactId early = contacts.contact(late, Contacts.person("Gil", "Early", null, null, List.of(), null), 7);

        assertThat(byContact("firstName", "gil")).isEmpty();

        projection.on(new CompanyCreated(late, ++companyNumber, fields("Late Ltd", null, null, null, List.of(),
                List.of(), List.of(), null, null, null)), 0);
        assertThat(byContact("firstName", "gil")).isEqualTo(ids(early));
    }

    @Test
    void singleTextContactCriteriaAreCaseInsensitiveLiteralSubstrings() {
        assertThat(byContact("firstName", "DE")).isEqualTo(ids(dee));
        assertThat(byContact("lastName", "love")).isEqualTo(ids(ada, dee));
        assertThat(byContact("email", "@GLOBEX.")).isEqualTo(ids(cy, dee));
        assertThat(byContact("workDirectPhone", "0101")).isEqualTo(ids(ada));
        assertThat(byContact("homePhone", "212")).isEqualTo(ids(bob));
        assertThat(byContact("mobilePhone", "+49")).isEqualTo(ids(cy));
        assertThat(byContact("otherPhone", "0104")).isEqualTo(ids(dee));
        assertThat(byContact("stage", "LEAD")).isEqualTo(ids(ada, cy));
        assertThat(byContact("city", "york")).isEqualTo(ids(bob));
        assertThat(byContact("state", "bav")).isEqualTo(ids(dee));
        assertThat(byContact("country", "germany")).isEqualTo(ids(cy, dee));
        assertThat(byContact("linkedinUrl", "in/ada")).isEqualTo(ids(ada));
        assertThat(byContact("website", "BOB.dev")).isEqualTo(ids(bob));
        assertThat(byContact("facebookUrl", "com/cy")).isEqualTo(ids(cy));
        assertThat(byContact("twitterUrl", "twitter")).isEqualTo(ids(dee));
        assertThat(byContact("firstName", ".*")).isEmpty();
    }

    @Test
    void wholeValueContactCriteriaIgnoreCaseAndTheirExclusionsRemoveAny() {
        assertThat(byContact("seniorities", List.of("SENIOR"))).isEqualTo(ids(bob));
        assertThat(byContact("seniorities", List.of("senior", "manager"))).isEqualTo(ids(bob, dee));
        assertThat(byContact("seniorities", List.of("sen"))).isEmpty();
        assertThat(byContact("excludeSeniorities", List.of("vp", "C_SUITE"))).isEqualTo(ids(bob, dee, eve, fay));
        assertThat(byContact("emailStatuses", List.of("VERIFIED"))).isEqualTo(ids(ada, cy));
        assertThat(byContact("departments", List.of("ENGINEERING"))).isEqualTo(ids(bob, dee));
        assertThat(byContact("departments", List.of("r&d", "sales"))).isEqualTo(ids(ada, dee));
        assertThat(byContact("excludeDepartments", List.of("engineering"))).isEqualTo(ids(ada, cy, eve, fay));
    }

    @Test
    void contactLocationsMatchCityStateOrCountry() {
        assertThat(byContact("contactLocations", List.of("bavaria", "AUSTIN"))).isEqualTo(ids(dee, eve));
        assertThat(byContact("excludeContactLocations", List.of("united states"))).isEqualTo(ids(cy, dee, fay));
    }

    @Test
    void titlesCompareNormalized() {
        assertThat(byContact("titles", List.of("vp sales"))).isEqualTo(ids(ada));
        assertThat(byContact("titles", List.of("Vice-President,  SALES"))).isEqualTo(ids(ada));
        assertThat(byContact("titles", List.of("V.P."))).isEqualTo(ids(ada));
        assertThat(byContact("titles", List.of("CEO"))).isEqualTo(ids(cy, eve));
        assertThat(byContact("titles", List.of("chief executive officer"))).isEqualTo(ids(cy, eve));
        assertThat(byContact("titles", List.of("sr software engineer"))).isEqualTo(ids(bob));
        assertThat(byContact("titles", List.of("Senior Engineering Mgr"))).isEqualTo(ids(dee));
        assertThat(byContact("titles", List.of("sales", "founder"))).isEqualTo(ids(ada, eve));
        // Whole words, contiguous.
        assertThat(byContact("titles", List.of("engineer"))).isEqualTo(ids(bob));
        assertThat(byContact("titles", List.of("senior manager"))).isEmpty();
        assertThat(byContact("titles", List.of("vice president of sales"))).isEmpty();
    }

    @Test
    void excludedTitlesCompareNormalizedAndKeepContactsWithoutTitle() {
        assertThat(byContact("excludeTitles", List.of("ceo"))).isEqualTo(ids(ada, bob, dee, fay));
        assertThat(byContact("excludeTitles", List.of("Senior"))).isEqualTo(ids(ada, cy, eve, fay));
        assertThat(byContact("titles", List.of("sales"), "excludeTitles", List.of("VP"))).isEmpty();
    }

    @Test
    void theFiltersSearchAndDateBoundsApply() {
        contacts.update(bob, acme, 1, T0.plusSeconds(3_600), "title", "Staff Engineer");

        assertThat(byContact("search", "lovelace")).isEqualTo(ids(ada, dee));
        assertThat(byContact("search", "EXECUTIVE")).isEqualTo(ids(cy));
        assertThat(byContact("createdAtAfter", T0.plusSeconds(240))).isEqualTo(ids(dee, eve, fay));
        assertThat(byContact("createdAtBefore", T0.plusSeconds(120))).isEqualTo(ids(ada, bob));
        assertThat(byContact("updatedAtAfter", T0.plusSeconds(1_800))).isEqualTo(ids(bob));
        assertThat(byContact("updatedAtBefore", T0.plusSeconds(1_800))).isEqualTo(ids(ada, cy, dee, eve, fay));
    }

    @Test
    void personNameMatchesTheFullName() {
        assertThat(byText("ada love", null)).isEqualTo(ids(ada));
        assertThat(byText("LOVELACE", null)).isEqualTo(ids(ada, dee));
        assertThat(byText("y y", null)).isEqualTo(ids(cy));
        assertThat(byText("fay", null)).isEqualTo(ids(fay));
        assertThat(byText("ada lovelace x", null)).isEmpty();
        assertThat(byText("acme", null)).isEmpty();
    }

    @Test
    void keywordsMatchNamesTitleAndTheCompanysNameIndustriesKeywordsAndTechnologies() {
        assertThat(byText(null, "cy young")).isEqualTo(ids(cy));
        assertThat(byText(null, "stone")).isEqualTo(ids(bob));
        assertThat(byText(null, "FOUNDER")).isEqualTo(ids(eve));
        assertThat(byText(null, "corp")).isEqualTo(ids(ada, bob));
        assertThat(byText(null, "fintech")).isEqualTo(ids(ada, bob));
        assertThat(byText(null, "b2b")).isEqualTo(ids(ada, bob, cy, dee));
        assertThat(byText(null, "commerce")).isEqualTo(ids(ada, bob));
        assertThat(byText(null, "sap")).isEqualTo(ids(cy, dee));
        // Neither the email nor the company's location is a keyword field.
        assertThat(byText(null, "@globex")).isEmpty();
        assertThat(byText(null, "oakland")).isEmpty();
    }

    @Test
    void companyNamesAndLocationsMatchSubstrings() {
        assertThat(byCompany("names", List.of("ACME"))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("names", List.of("globex", "initech"))).isEqualTo(ids(cy, dee, eve, fay));
        assertThat(byCompany("excludeNames", List.of("corp"))).isEqualTo(ids(cy, dee, eve, fay));
        assertThat(byCompany("locations", List.of("germany"))).isEqualTo(ids(cy, dee));
        assertThat(byCompany("locations", List.of("TX", "oakland"))).isEqualTo(ids(ada, bob, eve, fay));
        assertThat(byCompany("excludeLocations", List.of("united states"))).isEqualTo(ids(cy, dee));
    }

    @Test
    void domainsCompareWithoutSchemeWwwAndPath() {
        assertThat(byCompany("domains", List.of("ACME.com"))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("domains", List.of("https://www.acme.com/pricing"))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("domains", List.of("globex.io", "nowhere.example"))).isEqualTo(ids(cy, dee));
        assertThat(byCompany("domains", List.of("acme"))).isEmpty();
        assertThat(byCompany("domains", List.of("https://"))).isEmpty();
        // A company without a website is never excluded by a domain.
        assertThat(byCompany("excludeDomains", List.of("www.acme.com"))).isEqualTo(ids(cy, dee, eve, fay));
    }

    @Test
    void employeeRangesAreInclusiveAndACompanyWithoutACountMatchesNone() {
        assertThat(byCompany("employeeRanges", List.of(new Range(100, 1_000L)))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("employeeRanges", List.of(new Range(250, 250L)))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("employeeRanges", List.of(new Range(0, 10L), new Range(1_000, null))))
                .isEqualTo(ids(cy, dee));
        assertThat(byCompany("employeeRanges", List.of(new Range(0, null)))).isEqualTo(ids(ada, bob, cy, dee));
        assertThat(byCompany("employeeRanges", List.of(new Range(251, 4_999L)))).isEmpty();
    }

    @Test
    void revenueBoundsAreInclusiveAndACompanyWithoutRevenueMatchesNone() {
        assertThat(byCompany("revenueMin", 1_000_000_000L)).isEqualTo(ids(cy, dee));
        assertThat(byCompany("revenueMax", 100_000_000L)).isEqualTo(ids(ada, bob));
        assertThat(byCompany("revenueMin", 50_000_000L, "revenueMax", 50_000_000L)).isEqualTo(ids(ada, bob));
        assertThat(byCompany("revenueMin", 0L)).isEqualTo(ids(ada, bob, cy, dee));
    }

    @Test
    void industriesAndKeywordsMatchWholeValuesIgnoringCase() {
        assertThat(byCompany("industries", List.of("software"))).isEqualTo(ids(ada, bob, eve, fay));
        assertThat(byCompany("industries", List.of("soft"))).isEmpty();
        assertThat(byCompany("excludeIndustries", List.of("FINTECH"))).isEqualTo(ids(cy, dee, eve, fay));
        assertThat(byCompany("keywordsAny", List.of("saas", "INDUSTRIAL"))).isEqualTo(ids(ada, bob, cy, dee));
        assertThat(byCompany("keywordsAll", List.of("b2b", "SAAS"))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("keywordsAll", List.of("b2b"))).isEqualTo(ids(ada, bob, cy, dee));
        assertThat(byCompany("excludeKeywords", List.of("B2B"))).isEqualTo(ids(eve, fay));
    }

    @Test
    void technologiesCompareLettersAndDigitsOnly() {
        assertThat(byCompany("technologies", List.of("woo_commerce"))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("technologies", List.of("GOOGLE-ANALYTICS"))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("technologies", List.of("j.a.v.a", "sap"))).isEqualTo(ids(cy, dee, eve, fay));
        assertThat(byCompany("technologies", List.of("woo"))).isEmpty();
        assertThat(byCompany("excludeTechnologies", List.of("S A P"))).isEqualTo(ids(ada, bob, eve, fay));
    }

    @Test
    void aCompanyChangeReachesTheSearch() {
        contacts.updateCompany(initech, 1, "industries", List.of("Robotics"), "metadata.website",
                "https://initech.example");

        assertThat(byCompany("industries", List.of("robotics"))).isEqualTo(ids(eve, fay));
        assertThat(byCompany("industries", List.of("software"))).isEqualTo(ids(ada, bob));
        assertThat(byCompany("domains", List.of("initech.example"))).isEqualTo(ids(eve, fay));
    }

    @Test
    void criteriaOfAllKindsCombine() {
        ContactSearch engineersAtSoftwareCompanies = new ContactSearch(filter("titles", List.of("engineer")),
                criteria("industries", List.of("software")), null, null);
        ContactSearch lovelacesInGermany = new ContactSearch(null, criteria("locations", List.of("germany")),
                "lovelace", "engineering");

        assertThat(found(engineersAtSoftwareCompanies)).isEqualTo(ids(bob));
        assertThat(found(lovelacesInGermany)).isEqualTo(ids(dee));
    }

    @Test
    void orderingSortsByContactFieldsWithMissingValuesFirstThenById() {
        assertThat(ordered("last_name")).isEqualTo(ids(fay, eve, ada, dee, bob, cy));
        assertThat(ordered("-last_name")).isEqualTo(ids(cy, bob, ada, dee, eve, fay));
        assertThat(ordered("title")).isEqualTo(ids(fay, eve, cy, bob, dee, ada));
        assertThat(ordered("email_status", "-first_name")).isEqualTo(ids(fay, eve, dee, bob, cy, ada));
        assertThat(ordered("-created_at")).isEqualTo(ids(fay, eve, dee, cy, bob, ada));
        assertThat(ordered("-id")).isEqualTo(ids(fay, eve, dee, cy, bob, ada));
    }

    @Test
    void orderingSortsByTheCompanysNameSizeAndRevenue() {
        assertThat(ordered("-company_name", "-first_name")).isEqualTo(ids(fay, eve, dee, cy, bob, ada));
        assertThat(ordered("-company_employees_count")).isEqualTo(ids(cy, dee, ada, bob, eve, fay));
        assertThat(ordered("company_employees_count")).isEqualTo(ids(eve, fay, ada, bob, cy, dee));
        assertThat(ordered("company_annual_revenue", "-last_name")).isEqualTo(ids(eve, fay, bob, ada, cy, dee));
    }

    @Test
    void pagesSliceTheOrderedMatchesAndTellWhetherMoreFollow() {
        List<SortKey> bySize = List.of(new SortKey("company_employees_count", true));

        assertPage(search.handle(new SearchContacts(null, bySize, 0, 4)), true, cy, dee, ada, bob);
        assertPage(search.handle(new SearchContacts(null, bySize, 1, 4)), true, dee, ada, bob, eve);
        assertPage(search.handle(new SearchContacts(null, bySize, 2, 4)), false, ada, bob, eve, fay);
        assertPage(search.handle(new SearchContacts(null, bySize, 4, 4)), false, eve, fay);
        assertPage(search.handle(new SearchContacts(null, bySize, 9, 4)), false);
        assertPage(search.handle(new SearchContacts(null, bySize, 3, null)), false, bob, eve, fay);
        assertPage(search.handle(new SearchContacts(null, bySize, 5, 1)), false, fay);
    }

    @Test
    void uuidsComeByIdUpToTheLimit() {
        ContactSearch lovelaces = new ContactSearch(null, null, "lovelace", null);

        assertThat(search.handle(new FindSearchContactUuids(null, 2)).uuids()).isEqualTo(ids(ada, bob));
        assertThat(search.handle(new FindSearchContactUuids(lovelaces, 1)).uuids()).isEqualTo(ids(ada));
        assertThat(search.handle(new CountSearchContacts(lovelaces))).isEqualTo(2L);
    }

    @Test
    void resultsAreTheContactViewsTheOtherQueriesAnswer() {
        ContactQueryHandler queries = new ContactQueryHandler(store.template());

        List<ContactView> views = search.handle(new SearchContacts(null, null, 0, 10)).results();

        assertThat(views).hasSize(6).allSatisfy(view -> assertThat(view)
                .isEqualTo(queries.handle(new FindContact(new ContactId(view.uuid())))));
        assertThat(views.get(0).company().name()).isEqualTo("Acme Corp");
        assertThat(views.get(0).departments()).containsExactly("Sales");
    }

    @Test
    void anAnswerWithoutALimitIsRefusedWhenMoreThanItsCapMatch() {
        ContactSearchHandler capped = new ContactSearchHandler(store.template(), 3, 4);
        ContactSearch atAcme = new ContactSearch(null, criteria("names", List.of("acme")), null, null);

        assertThatThrownBy(() -> capped.handle(new SearchContacts(null, null, 0, null)))
                .isInstanceOfSatisfying(BeaconException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).contains("matches 6 contacts").contains("limit");
                });
        assertThatThrownBy(() -> capped.handle(new FindSearchContactUuids(null, null)))
                .isInstanceOfSatisfying(BeaconException.class, e -> assertThat(e.getMessage()).contains("matches 6"));
        assertThat(capped.handle(new SearchContacts(atAcme, null, 0, null)).results()).extracting(ContactView::uuid)
                .isEqualTo(ids(ada, bob));
        assertThat(capped.handle(new SearchContacts(null, null, 0, 5)).results()).hasSize(5);
        assertThat(capped.handle(new FindSearchContactUuids(null, 5)).uuids()).hasSize(5);
        assertThat(capped.handle(new CountSearchContacts(null))).isEqualTo(6L);
    }

    // --- helpers ---

    private CompanyId company(String name, String website, Long employees, Long revenue, List<String> industries,
                              List<String> keywords, List<String> technologies, String city, String state,
                              String country) {
        CompanyId id = CompanyId.random();
        projection.on(new CompanyCreated(id, ++companyNumber, fields(name, website, employees, revenue, industries,
                keywords, technologies, city, state, country)), 0);
        return id;
    }

    private static CompanyFields fields(String name, String website, Long employees, Long revenue,
                                        List<String> industries, List<String> keywords, List<String> technologies,
                                        String city, String state, String country) {
        return new CompanyFields(name, employees, revenue, null, industries, keywords, technologies, null, null,
                new CompanyMetadata(city, state, country, null, website, null, null, null));
    }

    /**
     * The uuids a search finds, by id, after checking that the count, the uuids and an unlimited page
     * all give the same contacts.
     */
    private List<String> found(ContactSearch query) {
        List<String> uuids = search.handle(new FindSearchContactUuids(query, null)).uuids();
        ContactPage page = search.handle(new SearchContacts(query, null, 0, null));
        assertThat(page.results()).extracting(ContactView::uuid).isEqualTo(uuids);
        assertThat(page.hasMore()).isFalse();
        assertThat(search.handle(new CountSearchContacts(query))).isEqualTo((long) uuids.size());
        return uuids;
    }

    private List<String> byContact(Object... namesAndValues) {
        return found(new ContactSearch(filter(namesAndValues), null, null, null));
    }

    private List<String> byCompany(Object... namesAndValues) {
        return found(new ContactSearch(null, criteria(namesAndValues), null, null));
    }

    private List<String> byText(String personName, String keywords) {
        return found(new ContactSearch(null, null, personName, keywords));
    }

    private List<String> ordered(String... ordering) {
        List<SortKey> keys = SortKey.parse(String.join(",", ordering), SearchContacts.SORT_FIELDS);
        return search.handle(new SearchContacts(null, keys, 0, 100)).results().stream().map(ContactView::uuid).toList();
    }

    private static void assertPage(ContactPage page, boolean hasMore, ContactId... expected) {
        assertThat(page.results()).extracting(ContactView::uuid).isEqualTo(ids(expected));
        assertThat(page.hasMore()).isEqualTo(hasMore);
    }

    private static List<String> ids(ContactId... contacts) {
        return Arrays.stream(contacts).map(ContactId::value).toList();
    }

    /** Company criteria with the named components set, e.g. {@code criteria("industries", List.of("software"))}. */
    static ContactCompanyCriteria criteria(Object... namesAndValues) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            given.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        RecordComponent[] components = ContactCompanyCriteria.class.getRecordComponents();
        Object[] args = Arrays.stream(components).map(component -> given.remove(component.getName())).toArray();
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("ContactCompanyCriteria has no " + given.keySet());
        }
        try {
            return ContactCompanyCriteria.class.getDeclaredConstructor(Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

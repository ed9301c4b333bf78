package io.beacon.contact;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.query.SortKey;
import io.beacon.company.query.ValueOrdering;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.query.ContactAttribute;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.CountCompanyContacts;
import io.beacon.contact.query.FindCompanyContactUuids;
import io.beacon.contact.query.FindCompanyContacts;
import io.beacon.contact.query.ListCompanyContactValues;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.beacon.contact.Contacts.T0;
import static io.beacon.contact.Contacts.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactQueryHandlerTest {

    private final InMemoryMongo store = new InMemoryMongo(template -> new ContactIndexes(template).ensure());
    private final ContactProjection projection = new ContactProjection(store.template(), new EmittedContacts().emitter());
    private final ContactQueryHandler queries = new ContactQueryHandler(store.template());
    private final Contacts contacts = new Contacts(projection);

    private final CompanyId acme = contacts.company("Acme");
    private final CompanyId globex = contacts.company("Globex");
    // Created a minute apart, in this order.
    private final ContactId john = contacts.contact(acme, new ContactFields("John", "Doe", "john.doe@acme.example",
            "Software Engineer", "mid", List.of("Engineering", "R&D"), "verified", "+1-415-555-0101", null,
            "+1-415-555-0199", null, "lead", new ContactMetadata("San Francisco", "CA", "United States",
            "https://linkedin.com/in/johndoe", "https://john.example", null, "https://twitter.com/jd")), 1);
    private final ContactId jane = contacts.contact(acme, new ContactFields("Jane", "Smith", "jane@acme.example",
            "Director of Engineering", "senior", List.of("engineering"), "unverified", null, "+1-212-555-0102", null,
            "+1-212-555-0177", "customer", new ContactMetadata("New York", "NY", "United States", null, null,
            "https://facebook.com/jane", null)), 2);
    private final ContactId mike = contacts.contact(acme, new ContactFields("Michael", "Johnson", null,
            "VP of Sales", "executive", List.of("Sales"), "bounced", null, null, null, null, null,
            new ContactMetadata("Berlin", "Berlin", "Germany", null, null, null, null)), 3);
    private final ContactId sara = contacts.contact(acme, new ContactFields("Sarah", "Doe", "sarah@acme.example",
            "Senior Manager", "senior", List.of("Operations", "Sales"), "verified", null, null, null, null, "lead",
            ContactMetadata.EMPTY), 4);
    private final ContactId other = contacts.contact(globex, new ContactFields("John", "Globex", null,
            "Software Engineer", "mid", List.of("Engineering"), "verified", null, null, null, null, null,
            ContactMetadata.EMPTY), 5);

    @AfterEach
    void stop() {
        store.close();
    }

    private List<String> uuids(ContactFilter filter, String... ordering) {
        List<SortKey> keys = SortKey.parse(String.join(",", ordering), io.beacon.contact.query.ContactOrdering.FIELDS);
        return queries.handle(new FindCompanyContactUuids(acme, filter, keys, null)).uuids();
    }

    private static List<String> ids(ContactId... contacts) {
        return java.util.Arrays.stream(contacts).map(ContactId::value).toList();
    }

    @Test
    void withoutFiltersACompanyListsItsOwnLiveContactsInIdOrder() {
        assertThat(uuids(ContactFilter.NONE)).isEqualTo(ids(john, jane, mike, sara));
        assertThat(queries.handle(new FindCompanyContactUuids(globex, null, null, null)).uuids()).isEqualTo(ids(other));
    }

    @Test
    void singleTextFiltersAreCaseInsensitiveLiteralSubstrings() {
        assertThat(uuids(filter("firstName", "JOHN"))).isEqualTo(ids(john));
        assertThat(uuids(filter("lastName", "doe"))).isEqualTo(ids(john, sara));
        assertThat(uuids(filter("email", "@ACME."))).isEqualTo(ids(john, jane, sara));
        assertThat(uuids(filter("workDirectPhone", "555-0101"))).isEqualTo(ids(john));
        assertThat(uuids(filter("homePhone", "212"))).isEqualTo(ids(jane));
        assertThat(uuids(filter("mobilePhone", "0199"))).isEqualTo(ids(john));
        assertThat(uuids(filter("otherPhone", "0177"))).isEqualTo(ids(jane));
        assertThat(uuids(filter("city", "new york"))).isEqualTo(ids(jane));
        assertThat(uuids(filter("state", "berl"))).isEqualTo(ids(mike));
        assertThat(uuids(filter("country", "united"))).isEqualTo(ids(john, jane));
        assertThat(uuids(filter("linkedinUrl", "in/john"))).isEqualTo(ids(john));
        assertThat(uuids(filter("website", "JOHN.example"))).isEqualTo(ids(john));
        assertThat(uuids(filter("facebookUrl", "facebook"))).isEqualTo(ids(jane));
        assertThat(uuids(filter("twitterUrl", "twitter.com/jd"))).isEqualTo(ids(john));
        assertThat(uuids(filter("stage", "LEAD"))).isEqualTo(ids(john, sara));
        assertThat(uuids(filter("firstName", "j.hn"))).isEmpty();
        assertThat(uuids(filter("firstName", ".*"))).isEmpty();
        assertThat(uuids(filter("email", "["))).isEmpty();
    }

    @Test
    void titlesAndLocationsMatchAnySubstringAndTheirExclusionsRemoveAny() {
        assertThat(uuids(filter("titles", List.of("engineer")))).isEqualTo(ids(john, jane));
        assertThat(uuids(filter("titles", List.of("sales", "MANAGER")))).isEqualTo(ids(mike, sara));
        assertThat(uuids(filter("contactLocations", List.of("germany", "NY")))).isEqualTo(ids(jane, mike));
        assertThat(uuids(filter("excludeTitles", List.of("engineer")))).isEqualTo(ids(mike, sara));
        assertThat(uuids(filter("excludeContactLocations", List.of("united states")))).isEqualTo(ids(mike, sara));
    }

    @Test
    void senioritiesDepartmentsAndStatusesMatchWholeValuesIgnoringCase() {
        assertThat(uuids(filter("seniorities", List.of("SENIOR")))).isEqualTo(ids(jane, sara));
        assertThat(uuids(filter("seniorities", List.of("sen")))).isEmpty();
        assertThat(uuids(filter("seniorities", List.of("mid", "executive")))).isEqualTo(ids(john, mike));
        assertThat(uuids(filter("emailStatuses", List.of("verified")))).isEqualTo(ids(john, sara));
        assertThat(uuids(filter("departments", List.of("Engineering")))).isEqualTo(ids(john, jane));
        assertThat(uuids(filter("departments", List.of("sales", "r&d")))).isEqualTo(ids(john, mike, sara));
        assertThat(uuids(filter("excludeDepartments", List.of("sales")))).isEqualTo(ids(john, jane));
        assertThat(uuids(filter("excludeSeniorities", List.of("senior", "MID")))).isEqualTo(ids(mike));
    }

    @Test
    void searchMatchesNamesEmailTitleSeniorityDepartmentsStatusAndLocation() {
        assertThat(uuids(filter("search", "john"))).isEqualTo(ids(john, mike));
        assertThat(uuids(filter("search", "jane smith"))).isEqualTo(ids(jane));
        assertThat(uuids(filter("search", "OPERATIONS"))).isEqualTo(ids(sara));
        assertThat(uuids(filter("search", "bounced"))).isEqualTo(ids(mike));
        assertThat(uuids(filter("search", "berlin"))).isEqualTo(ids(mike));
        assertThat(uuids(filter("search", "executive"))).isEqualTo(ids(mike));
        assertThat(uuids(filter("search", "nobody at all"))).isEmpty();
    }

    @Test
    void dateBoundsAreInclusiveAndFollowTheLastChange() {
        Instant janeCreated = T0.plusSeconds(120);
        contacts.update(mike, acme, 1, T0.plusSeconds(3_600), "title", "CRO");

        assertThat(uuids(filter("createdAtAfter", janeCreated))).isEqualTo(ids(jane, mike, sara));
        assertThat(uuids(filter("createdAtBefore", janeCreated))).isEqualTo(ids(john, jane));
        assertThat(uuids(filter("createdAtAfter", janeCreated.plusNanos(1)))).isEqualTo(ids(mike, sara));
        assertThat(uuids(filter("updatedAtAfter", T0.plusSeconds(600)))).isEqualTo(ids(mike));
        assertThat(uuids(filter("updatedAtBefore", T0.plusSeconds(600)))).isEqualTo(ids(john, jane, sara));
    }

    @Test
    void criteriaOfDifferentKindsCombine() {
        assertThat(uuids(filter("titles", List.of("engineer"), "seniorities", List.of("senior")))).isEqualTo(ids(jane));
        assertThat(uuids(filter("lastName", "doe", "departments", List.of("sales")))).isEqualTo(ids(sara));
    }

    @Test
    void orderingSortsByEveryKeyThenById() {
        assertThat(uuids(ContactFilter.NONE, "last_name")).isEqualTo(ids(john, sara, mike, jane));
        assertThat(uuids(ContactFilter.NONE, "-last_name")).isEqualTo(ids(jane, mike, john, sara));
        assertThat(uuids(ContactFilter.NONE, "seniority", "-first_name")).isEqualTo(ids(mike, john, sara, jane));
        assertThat(uuids(ContactFilter.NONE, "-id")).isEqualTo(ids(sara, mike, jane, john));
        assertThat(uuids(ContactFilter.NONE, "-created_at")).isEqualTo(ids(sara, mike, jane, john));
        // A missing value sorts first ascending, as in MongoDB.
        assertThat(uuids(ContactFilter.NONE, "email")).isEqualTo(ids(mike, jane, john, sara));
        assertThat(uuids(ContactFilter.NONE, "-city").get(0)).isEqualTo(john.value());
    }

    @Test
    void pagesSliceTheOrderedMatchesAndTellWhetherMoreFollow() {
        List<SortKey> byId = List.of();
        ContactPage first = queries.handle(new FindCompanyContacts(acme, null, byId, 0, 3));
        ContactPage last = queries.handle(new FindCompanyContacts(acme, null, byId, 3, 3));
        ContactPage beyond = queries.handle(new FindCompanyContacts(acme, null, byId, 9, 3));

        assertThat(first.results()).extracting(ContactView::uuid).isEqualTo(ids(john, jane, mike));
        assertThat(first.hasMore()).isTrue();
        assertThat(last.results()).extracting(ContactView::uuid).isEqualTo(ids(sara));
        assertThat(last.hasMore()).isFalse();
        assertThat(beyond.results()).isEmpty();
        assertThat(queries.handle(new FindCompanyContacts(acme, null, byId, 0, 4)).hasMore()).isFalse();
    }

    @Test
    void viewsCarryEveryFieldAndTheCompanysUuidAndName() {
        ContactView view = queries.handle(new FindCompanyContacts(acme, filter("firstName", "john"), null, 0, 1))
                .results().get(0);

        assertThat(view.id()).isPositive();
        assertThat(view.uuid()).isEqualTo(john.value());
        assertThat(view.email()).isEqualTo("john.doe@acme.example");
        assertThat(view.departments()).containsExactly("Engineering", "R&D");
        assertThat(view.workDirectPhone()).isEqualTo("+1-415-555-0101");
        assertThat(view.metadata().linkedinUrl()).isEqualTo("https://linkedin.com/in/johndoe");
        assertThat(view.company().uuid()).isEqualTo(acme.value());
        assertThat(view.company().name()).isEqualTo("Acme");
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.createdAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void countAndUuidsAgreeWithTheListAndUuidsHonourTheLimit() {
        ContactFilter engineers = filter("departments", List.of("engineering"));

        assertThat(queries.handle(new CountCompanyContacts(acme, engineers))).isEqualTo(2L);
        assertThat(queries.handle(new CountCompanyContacts(acme, null))).isEqualTo(4L);
        assertThat(queries.handle(new FindCompanyContactUuids(acme, null, List.of(new SortKey("id", true)), 2)).uuids())
                .isEqualTo(ids(sara, mike));
    }

    @Test
    void deletedContactsAreInvisible() {
        contacts.delete(jane, acme, 1, T0.plusSeconds(9_000));

        assertThat(uuids(ContactFilter.NONE)).isEqualTo(ids(john, mike, sara));
        assertThat(queries.handle(new CountCompanyContacts(acme, null))).isEqualTo(3L);
        assertThat(values(ContactAttribute.FIRST_NAME, null, ValueOrdering.VALUE, true)).doesNotContain("Jane");
    }

    @Test
    void anUnknownOrDeletedCompanyIsNotFound() {
        CompanyId unknown = CompanyId.random();
        contacts.deleteCompany(globex, 1);

        for (CompanyId company : List.of(unknown, globex)) {
            assertThatThrownBy(() -> queries.handle(new CountCompanyContacts(company, null)))
                    .isInstanceOfSatisfying(BeaconException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThatThrownBy(() -> queries.handle(new FindCompanyContacts(company, null, null, 0, 5)))
                    .isInstanceOf(BeaconException.class);
            assertThatThrownBy(() -> queries.handle(new ListCompanyContactValues(company, ContactAttribute.TITLE, null,
                    null, null, true, 0, 5))).isInstanceOf(BeaconException.class);
        }
    }

    @Test
    void aCompanyWithoutContactsListsNothing() {
        CompanyId empty = contacts.company("Initech");

        assertThat(queries.handle(new CountCompanyContacts(empty, null))).isZero();
        assertThat(queries.handle(new FindCompanyContacts(empty, null, null, 0, 5)).results()).isEmpty();
    }

    private List<String> values(ContactAttribute attribute, String search, ValueOrdering ordering, boolean distinct) {
        return queries.handle(new ListCompanyContactValues(acme, attribute, null, search, ordering, distinct, 0, 100))
                .values();
    }

    @Test
    void attributeLookupsListEachAttributesDistinctValuesOfTheCompany() {
        assertThat(values(ContactAttribute.FIRST_NAME, null, null, true)).containsExactly("Jane", "John", "Michael", "Sarah");
        assertThat(values(ContactAttribute.LAST_NAME, null, null, true)).containsExactly("Doe", "Johnson", "Smith");
        assertThat(values(ContactAttribute.TITLE, null, null, true))
                .containsExactly("Director of Engineering", "Senior Manager", "Software Engineer", "VP of Sales");
        assertThat(values(ContactAttribute.SENIORITY, null, null, true)).containsExactly("executive", "mid", "senior");
        assertThat(values(ContactAttribute.EMAIL_STATUS, null, null, true)).containsExactly("bounced", "unverified", "verified");
    }

    @Test
    void departmentsAreTakenApartIntoSingleValues() {
        assertThat(values(ContactAttribute.DEPARTMENTS, null, null, true))
                .containsExactly("Engineering", "engineering", "Operations", "R&D", "Sales");
        assertThat(values(ContactAttribute.DEPARTMENTS, null, ValueOrdering.COUNT_DESCENDING, true))
                .containsExactly("Sales", "Engineering", "engineering", "Operations", "R&D");
    }

    @Test
    void lookupSearchKeepsValuesContainingTheLiteralText() {
        assertThat(values(ContactAttribute.FIRST_NAME, "J", null, true)).containsExactly("Jane", "John");
        assertThat(values(ContactAttribute.TITLE, "ENGINEER", null, true))
                .containsExactly("Director of Engineering", "Software Engineer");
        assertThat(values(ContactAttribute.TITLE, ".*", null, true)).isEmpty();
    }

    @Test
    void lookupOrderingByValueOrCountAndNonDistinctRepeats() {
        assertThat(values(ContactAttribute.LAST_NAME, null, ValueOrdering.VALUE_DESCENDING, true))
                .containsExactly("Smith", "Johnson", "Doe");
        assertThat(values(ContactAttribute.LAST_NAME, null, ValueOrdering.COUNT_DESCENDING, true))
                .containsExactly("Doe", "Johnson", "Smith");
        assertThat(values(ContactAttribute.LAST_NAME, null, ValueOrdering.COUNT, true))
                .containsExactly("Johnson", "Smith", "Doe");
        assertThat(values(ContactAttribute.LAST_NAME, null, ValueOrdering.VALUE, false))
                .containsExactly("Doe", "Doe", "Johnson", "Smith");
        assertThat(values(ContactAttribute.EMAIL_STATUS, null, ValueOrdering.COUNT_DESCENDING, false))
                .containsExactly("verified", "verified", "bounced", "unverified");
    }

    @Test
    void lookupsHonourContactFiltersOffsetAndLimit() {
        assertThat(queries.handle(new ListCompanyContactValues(acme, ContactAttribute.FIRST_NAME,
                filter("seniorities", List.of("senior")), null, null, true, 0, 10)).values()).containsExactly("Jane", "Sarah");
        assertThat(queries.handle(new ListCompanyContactValues(acme, ContactAttribute.FIRST_NAME, null, null, null,
                true, 1, 2)).values()).containsExactly("John", "Michael");
    }
}

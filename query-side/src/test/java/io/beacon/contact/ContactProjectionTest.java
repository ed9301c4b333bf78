package io.beacon.contact;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.FindCompanyContacts;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.query.FindContactIncludingDeleted;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static io.beacon.contact.Contacts.T0;
import static io.beacon.contact.Contacts.changes;
import static io.beacon.contact.Contacts.companyFields;
import static io.beacon.contact.Contacts.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactProjectionTest {

    private static final Instant LATER = Instant.parse("2024-02-01T08:00:00.123456Z");

    private final InMemoryMongo store = new InMemoryMongo(template -> new ContactIndexes(template).ensure());
    private final MongoTemplate template = store.template();
    private final EmittedContacts emitted = new EmittedContacts();
    private final ContactProjection projection = new ContactProjection(template, emitted.emitter());
    private final ContactQueryHandler queries = new ContactQueryHandler(template);
    private final Contacts contacts = new Contacts(projection);

    private final ContactFields ada = new ContactFields("Ada", "Lovelace", "ada@acme.example", "Chief Engineer",
            "executive", List.of("Engineering", "R&D"), "verified", "+1-1", "+1-2", "+1-3", "+1-4", "lead",
            new ContactMetadata("London", "England", "United Kingdom", "https://linkedin.com/in/ada",
                    "https://ada.example", "https://facebook.com/ada", "https://twitter.com/ada"));

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void creationStoresTheContactWithItsCompanysSearchDataAndVersionOne() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();

        projection.on(new ContactCreated(id, acme, 42, ada, Set.of()), 0, T0);

        Document stored = raw(id);
        assertThat(stored.getLong("number")).isEqualTo(42L);
        assertThat(stored.getString("company_slot")).isEqualTo(acme.value() + "#0");
        assertThat(stored.getString("first_name")).isEqualTo("Ada");
        assertThat(stored.getList("departments", String.class)).containsExactly("Engineering", "R&D");
        assertThat(stored.getList("departments_lc", String.class)).containsExactly("engineering", "r&d");
        assertThat(stored.get("metadata", Document.class).getString("linkedin_url")).isEqualTo("https://linkedin.com/in/ada");
        Document company = stored.get("company", Document.class);
        assertThat(company.getString("uuid")).isEqualTo(acme.value());
        assertThat(company.getString("name")).isEqualTo("Acme");
        assertThat(company.getString("domain")).isEqualTo("acme.example");
        assertThat(company.getLong("employees_count")).isEqualTo(250L);
        assertThat(company.getLong("annual_revenue")).isEqualTo(50_000_000L);
        assertThat(company.getList("industries", String.class)).containsExactly("Software", "FinTech");
        assertThat(company.getList("industries_lc", String.class)).containsExactly("software", "fintech");
        assertThat(company.getList("keywords", String.class)).containsExactly("saas");
        assertThat(company.getList("technologies_lc", String.class)).containsExactly("java");
        assertThat(company.getString("city")).isEqualTo("Oakland");
        assertThat(company.getString("state")).isEqualTo("CA");
        assertThat(company.getString("country")).isEqualTo("United States");
        assertThat(stored.getLong("version")).isEqualTo(1L);
        assertThat(stored.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(stored.getBoolean("deleted")).isFalse();
    }

    @Test
    void creationEmitsTheViewToThatContactsSubscribersOnly() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        List<ContactView> views = emitted.subscribe(id);
        List<ContactView> others = emitted.subscribe(ContactId.random());

        projection.on(new ContactCreated(id, acme, 7, ada, Set.of()), 0, T0);

        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.uuid()).isEqualTo(id.value());
            assertThat(view.id()).isEqualTo(7L);
            assertThat(view.version()).isEqualTo(1L);
            assertThat(view.company().uuid()).isEqualTo(acme.value());
            assertThat(view.company().name()).isEqualTo("Acme");
            assertThat(view.deleted()).isFalse();
        });
        assertThat(others).isEmpty();
        assertThat(views.get(0)).isEqualTo(queries.handle(new FindContact(id)));
    }

    @Test
    void companyRenameReachesEveryContactOfThatCompanyAndNoOther() {
        CompanyId acme = contacts.company("Acme");
        CompanyId globex = contacts.company("Globex");
        List<ContactId> acmeContacts = List.of(contacts.contact(acme, "A", "One"), contacts.contact(acme, "B", "Two"),
                contacts.contact(acme, "C", "Three"));
        ContactId globexContact = contacts.contact(globex, "D", "Four");

        contacts.updateCompany(acme, 1, "name", "Acme Renamed", "metadata.website", "http://WWW.Acme-New.example:8080/x?y",
                "industries", List.of("Robotics"), "metadata.city", "Berlin", "employees_count", 9);

        for (ContactId id : acmeContacts) {
            Document company = raw(id).get("company", Document.class);
            assertThat(company.getString("name")).isEqualTo("Acme Renamed");
            assertThat(company.getString("domain")).isEqualTo("acme-new.example");
            assertThat(company.getList("industries", String.class)).containsExactly("Robotics");
            assertThat(company.getList("industries_lc", String.class)).containsExactly("robotics");
            assertThat(company.getString("city")).isEqualTo("Berlin");
            assertThat(company.getLong("employees_count")).isEqualTo(9L);
            assertThat(company.getList("keywords", String.class)).containsExactly("saas");
            assertThat(queries.handle(new FindContact(id)).company().name()).isEqualTo("Acme Renamed");
            // A company change is not a contact change.
            assertThat(raw(id).getLong("version")).isEqualTo(1L);
        }
        assertThat(raw(globexContact).get("company", Document.class).getString("name")).isEqualTo("Globex");
    }

    @Test
    void companyChangesContactsDoNotShowLeaveThemUntouched() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = contacts.contact(acme, "A", "One");
        Document before = raw(id);

        contacts.updateCompany(acme, 1, "metadata.phone_number", "+49 30 1234", "address", "Elsewhere 2");

        assertThat(raw(id)).isEqualTo(before);
    }

    @Test
    void anOlderCompanyUpdateHandledAgainDoesNotUndoANewerOne() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = contacts.contact(acme, "A", "One");
        contacts.updateCompany(acme, 1, "name", "Second");
        contacts.updateCompany(acme, 2, "name", "Third");

        contacts.updateCompany(acme, 1, "name", "Second");

        assertThat(raw(id).get("company", Document.class).getString("name")).isEqualTo("Third");
    }

    @Test
    void aContactPlacedBeforeItsCompanysCreationGetsTheCompanyWhenItArrives() {
        CompanyId late = CompanyId.random();
        ContactId id = ContactId.random();
        projection.on(new ContactCreated(id, late, 5, ada, Set.of()), 0, T0);
        assertThat(raw(id).get("company", Document.class)).isEqualTo(new Document("uuid", late.value()));

        projection.on(new CompanyCreated(late, 1, companyFields("Latecomer", "latecomer.example")), 0);

        Document company = raw(id).get("company", Document.class);
        assertThat(company.getString("name")).isEqualTo("Latecomer");
        assertThat(company.getString("domain")).isEqualTo("latecomer.example");
        assertThat(queries.handle(new FindContact(id)).company().name()).isEqualTo("Latecomer");
    }

    @Test
    void redeliveredCreationChangesNothingTakesNoSecondSlotAndEmitsNothing() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        List<ContactView> views = emitted.subscribe(id);
        projection.on(new ContactCreated(id, acme, 3, ada, Set.of()), 0, T0);
        Document before = raw(id);
        Document sourceBefore = source(acme);

        projection.on(new ContactCreated(id, acme, 3, ada, Set.of()), 0, LATER);

        assertThat(raw(id)).isEqualTo(before);
        assertThat(source(acme)).isEqualTo(sourceBefore);
        assertThat(sourceBefore.getLong("slots")).isEqualTo(1L);
        assertThat(template.count(new Query(), ContactDocuments.COLLECTION)).isEqualTo(1);
        assertThat(views).hasSize(1);
    }

    @Test
    void creationReusingAnotherContactsNumberFailsLoudly() {
        CompanyId acme = contacts.company("Acme");
        projection.on(new ContactCreated(ContactId.random(), acme, 9, ada, Set.of()), 0, T0);

        assertThatThrownBy(() -> projection.on(new ContactCreated(ContactId.random(), acme, 9, ada, Set.of()), 0, T0))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void updateSetsTheChangedFieldsAndBumpsVersionAndUpdatedAtThenEmits() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        projection.on(new ContactCreated(id, acme, 3, ada, Set.of()), 0, T0);
        List<ContactView> views = emitted.subscribe(id);

        projection.on(new ContactUpdated(id, acme, changes("title", "CTO", "departments", List.of("Board"),
                "metadata.city", "Paris", "mobile_phone", null), Set.of()), 1, LATER);

        Document stored = raw(id);
        assertThat(stored.getString("title")).isEqualTo("CTO");
        assertThat(stored.getList("departments", String.class)).containsExactly("Board");
        assertThat(stored.getList("departments_lc", String.class)).containsExactly("board");
        assertThat(stored.get("metadata", Document.class).getString("city")).isEqualTo("Paris");
        assertThat(stored.get("metadata", Document.class).getString("state")).isEqualTo("England");
        assertThat(stored.get("mobile_phone")).isNull();
        assertThat(stored.getString("first_name")).isEqualTo("Ada");
        assertThat(stored.getLong("version")).isEqualTo(2L);
        assertThat(stored.getDate("updated_at")).isEqualTo(Date.from(Instant.parse("2024-02-01T08:00:00.123Z")));
        assertThat(stored.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.title()).isEqualTo("CTO");
            assertThat(view.version()).isEqualTo(2L);
        });
    }

    @Test
    void redeliveredUpdateOrOneOlderThanTheStoredVersionChangesNothing() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        projection.on(new ContactCreated(id, acme, 3, ada, Set.of()), 0, T0);
        projection.on(new ContactUpdated(id, acme, changes("title", "CTO"), Set.of()), 1, T0.plusSeconds(1));
        projection.on(new ContactUpdated(id, acme, changes("title", "CEO"), Set.of()), 2, T0.plusSeconds(2));
        Document before = raw(id);
        List<ContactView> views = emitted.subscribe(id);

        projection.on(new ContactUpdated(id, acme, changes("title", "CTO"), Set.of()), 1, LATER);
        projection.on(new ContactUpdated(id, acme, changes("title", "CEO"), Set.of()), 2, LATER);

        assertThat(raw(id)).isEqualTo(before);
        assertThat(views).isEmpty();
    }

    @Test
    void updateOfAContactNeverCreatedHereIsIgnored() {
        CompanyId acme = contacts.company("Acme");
        ContactId ghost = ContactId.random();

        projection.on(new ContactUpdated(ghost, acme, changes("title", "CTO"), Set.of()), 1, T0);

        assertThat(template.count(new Query(), ContactDocuments.COLLECTION)).isZero();
    }

    @Test
    void deletionLeavesATombstoneInvisibleToReadsAndEmitsIt() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        projection.on(new ContactCreated(id, acme, 3, ada, Set.of()), 0, T0);
        List<ContactView> views = emitted.subscribe(id);

        projection.on(new ContactDeleted(id, acme, ContactDeletionCause.REQUESTED), 1, LATER);
        projection.on(new ContactDeleted(id, acme, ContactDeletionCause.REQUESTED), 1, LATER);

        assertThat(raw(id).getBoolean("deleted")).isTrue();
        assertThat(raw(id).getLong("version")).isEqualTo(2L);
        assertThat(queries.handle(new FindContact(id))).isNull();
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.deleted()).isTrue();
            assertThat(view.version()).isEqualTo(2L);
        });
    }

    @Test
    void companyDeletionMarksTheSourceDeletedOnce() {
        CompanyId acme = contacts.company("Acme");

        contacts.deleteCompany(acme, 1);
        contacts.updateCompany(acme, 1, "name", "Too late");

        Document source = source(acme);
        assertThat(source.getBoolean("deleted")).isTrue();
        assertThat(source.getLong("version")).isEqualTo(2L);
        assertThat(source.get("company", Document.class).getString("name")).isEqualTo("Acme");
    }

    @Test
    void resetRemovesContactsAndCompanySourcesButKeepsIndexes() {
        CompanyId acme = contacts.company("Acme");
        contacts.contact(acme, "A", "One");

        projection.reset();

        assertThat(template.count(new Query(), ContactDocuments.COLLECTION)).isZero();
        assertThat(template.count(new Query(), ContactCompanies.COLLECTION)).isZero();
        assertThat(template.indexOps(ContactDocuments.COLLECTION).getIndexInfo())
                .extracting(info -> info.getName()).contains("number_unique", "company_slot_unique");
    }

    @Test
    void replayingEveryEventIntoAResetModelRebuildsTheSameDocuments() {
        CompanyId acme = CompanyId.random();
        ContactId first = ContactId.random();
        ContactId second = ContactId.random();
        Runnable history = () -> {
            projection.on(new CompanyCreated(acme, 1, companyFields("Acme", "acme.example")), 0);
            projection.on(new ContactCreated(first, acme, 1, ada, Set.of()), 0, T0);
            projection.on(new ContactCreated(second, acme, 2, ada, Set.of()), 0, T0.plusSeconds(5));
            contacts.updateCompany(acme, 1, "name", "Acme Two");
            projection.on(new ContactUpdated(first, acme, changes("last_name", "Byron"), Set.of()), 1, T0.plusSeconds(9));
            projection.on(new ContactDeleted(second, acme, ContactDeletionCause.COMPANY_DELETED), 1, T0.plusSeconds(10));
        };
        history.run();
        List<Document> before = all();

        history.run();
        assertThat(all()).as("handled twice").isEqualTo(before);
        projection.reset();
        history.run();
        assertThat(all()).as("rebuilt").isEqualTo(before);
    }

    // ---------------------------------------------------------------- erasure of personal data

    private static final List<String> PERSONAL =
            ContactField.personal().stream().map(ContactField::apiName).toList();

    @Test
    void erasureEmptiesEveryPersonalFieldKeepsTheOthersMarksTheContactAndEmits() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        ContactId other = ContactId.random();
        projection.on(new ContactCreated(id, acme, 3, ada, Set.of()), 0, T0);
        projection.on(new ContactCreated(other, acme, 4, ada, Set.of()), 0, T0);
        List<ContactView> views = emitted.subscribe(id);

        projection.on(new ContactPersonalDataErased(id, acme, PERSONAL), 1, LATER);
        projection.on(new ContactPersonalDataErased(id, acme, PERSONAL), 1, LATER);

        ContactView erased = queries.handle(new FindContact(id));
        assertThat(erased.personalDataErased()).isTrue();
        assertThat(erased.version()).isEqualTo(2L);
        assertThat(erased.firstName()).isNull();
        assertThat(erased.lastName()).isNull();
        assertThat(erased.email()).isNull();
        assertThat(erased.workDirectPhone()).isNull();
        assertThat(erased.homePhone()).isNull();
        assertThat(erased.mobilePhone()).isNull();
        assertThat(erased.otherPhone()).isNull();
        assertThat(erased.metadata()).isEqualTo(new ContactMetadata("London", "England", "United Kingdom", null,
                "https://ada.example", null, null));
        assertThat(erased.title()).isEqualTo("Chief Engineer");
        assertThat(erased.departments()).containsExactly("Engineering", "R&D");
        assertThat(erased.stage()).isEqualTo("lead");
        assertThat(raw(id).toJson()).doesNotContain("Ada", "Lovelace", "ada@acme.example", "+1-",
                "linkedin.com", "facebook.com", "twitter.com");
        assertThat(views).as("emitted once, handled twice").singleElement()
                .satisfies(view -> assertThat(view.personalDataErased()).isTrue());
        ContactView untouched = queries.handle(new FindContact(other));
        assertThat(untouched.personalDataErased()).isFalse();
        assertThat(untouched.email()).isEqualTo("ada@acme.example");
        assertThat(queries.handle(new FindCompanyContacts(acme, filter("email", "ada@acme"), null, 0, 10)).results())
                .as("found by the old e-mail: only the other contact").extracting(ContactView::uuid)
                .containsExactly(other.value());
        assertThat(queries.handle(new FindCompanyContacts(acme, filter("search", "lovelace"), null, 0, 10)).results())
                .extracting(ContactView::uuid).containsExactly(other.value());
    }

    @Test
    void aDeletedContactIsErasedTooAndStillFoundIncludingDeleted() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        projection.on(new ContactCreated(id, acme, 3, ada, Set.of()), 0, T0);
        projection.on(new ContactDeleted(id, acme, ContactDeletionCause.REQUESTED), 1, T0);
        assertThat(queries.handle(new FindContactIncludingDeleted(ContactId.random()))).isNull();

        projection.on(new ContactPersonalDataErased(id, acme, PERSONAL), 2, LATER);

        assertThat(queries.handle(new FindContact(id))).isNull();
        ContactView shown = queries.handle(new FindContactIncludingDeleted(id));
        assertThat(shown.deleted()).isTrue();
        assertThat(shown.personalDataErased()).isTrue();
        assertThat(shown.version()).isEqualTo(3L);
        assertThat(shown.email()).isNull();
    }

    @Test
    void eventsReadAfterTheKeyWasDestroyedMarkTheContactErasedFromTheStart() {
        CompanyId acme = contacts.company("Acme");
        ContactId id = ContactId.random();
        ContactFields shown = new ContactFields(null, null, null, "Chief Engineer", "executive", List.of(), null,
                null, null, null, null, "lead", ContactMetadata.EMPTY);

        projection.on(new ContactCreated(id, acme, 3, shown, Set.of("email", "first_name")), 0, T0);
        assertThat(queries.handle(new FindContact(id)).personalDataErased()).isTrue();

        ContactId later = ContactId.random();
        projection.on(new ContactCreated(later, acme, 4, shown, Set.of()), 0, T0);
        assertThat(queries.handle(new FindContact(later)).personalDataErased()).isFalse();
        projection.on(new ContactUpdated(later, acme, changes("email", null), Set.of("email")), 1, LATER);
        assertThat(queries.handle(new FindContact(later)).personalDataErased()).isTrue();
    }

    private Document raw(ContactId id) {
        return template.findOne(Query.query(Criteria.where("_id").is(id.value())), Document.class,
                ContactDocuments.COLLECTION);
    }

    private Document source(CompanyId id) {
        return template.findOne(Query.query(Criteria.where("_id").is(id.value())), Document.class,
                ContactCompanies.COLLECTION);
    }

    private List<Document> all() {
        List<Document> documents = new java.util.ArrayList<>(template.findAll(Document.class, ContactDocuments.COLLECTION));
        documents.addAll(template.findAll(Document.class, ContactCompanies.COLLECTION));
        documents.sort(java.util.Comparator.comparing(d -> d.getString("_id")));
        return documents;
    }
}

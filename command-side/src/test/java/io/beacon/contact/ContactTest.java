package io.beacon.contact;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.LiveCompanies;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.command.CreateContact;
import io.beacon.contact.command.DeleteContact;
import io.beacon.contact.command.EraseContactPersonalData;
import io.beacon.contact.command.PersonalDataKeys;
import io.beacon.contact.command.UpdateContact;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactPersonalDataErased;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {

    private static final ContactId ID = ContactId.of("5b6e1c2a-9f7d-4c1e-8a3b-2d4f6e8a0b1c");
    private static final CompanyId ACME = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final CompanyId GONE = CompanyId.of("11111111-2222-3333-4444-555555555555");
    private static final ContactFields JOHN = new ContactFields("John", "Doe", "john.doe@example.com",
            "Software Engineer", "mid", List.of("Engineering", "R&D"), "verified", null, null, "+1234567890",
            null, "lead", new ContactMetadata("San Francisco", "CA", "United States",
            "https://linkedin.com/in/johndoe", null, null, null));

    private FixtureConfiguration<Contact> fixture;
    private final AtomicLong numbers = new AtomicLong(6);
    private final Set<CompanyId> liveCompanies = new HashSet<>(Set.of(ACME));
    /** The contacts whose key was destroyed, in order. */
    private final List<ContactId> destroyedKeys = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource((ContactNumbers) numbers::incrementAndGet);
        fixture.registerInjectableResource((LiveCompanies) liveCompanies::contains);
        fixture.registerInjectableResource((PersonalDataKeys) destroyedKeys::add);
    }

    @Test
    void createAssignsTheNextContactNumber() {
        fixture.givenNoPriorActivity()
                .when(new CreateContact(ID, ACME, JOHN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContactCreated(ID, ACME, 7, JOHN, Set.of()));
        assertThat(numbers.get()).isEqualTo(7);
    }

    @Test
    void createInAnUnknownOrDeletedCompanyIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CreateContact(ID, GONE, JOHN))
                .expectNoEvents()
                .expectException(beaconError(ErrorCode.NOT_FOUND));
        assertThat(numbers.get()).as("no number taken for a refused create").isEqualTo(6);
    }

    @Test
    void updateRecordsOnlyChangedFieldsWithOldAndNewValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("first_name", "John");
        values.put("title", "Staff Engineer");
        values.put("departments", List.of("Engineering"));
        values.put("metadata.city", "Oakland");
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("title", new FieldChange("Software Engineer", "Staff Engineer"));
        changes.put("departments", new FieldChange(List.of("Engineering", "R&D"), List.of("Engineering")));
        changes.put("metadata.city", new FieldChange("San Francisco", "Oakland"));

        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()))
                .when(new UpdateContact(ID, values, null))
                .expectEvents(new ContactUpdated(ID, ACME, changes, Set.of()))
                .expectResultMessagePayload(2L);
    }

    @Test
    void updateWithNoRealChangeProducesNoEvent() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()))
                .when(new UpdateContact(ID, Map.of("email", "  john.doe@example.com "), null))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void updateClearsAFieldGivenNull() {
        Map<String, Object> values = new HashMap<>();
        values.put("mobile_phone", null);
        values.put("departments", null);
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("mobile_phone", new FieldChange("+1234567890", null));
        changes.put("departments", new FieldChange(List.of("Engineering", "R&D"), List.of()));
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()))
                .when(new UpdateContact(ID, values, null))
                .expectEvents(new ContactUpdated(ID, ACME, changes, Set.of()));
    }

    @Test
    void updateAtTheExpectedVersionSucceeds() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactUpdated(ID, ACME, Map.of("stage", new FieldChange("lead", "customer")), Set.of()))
                .when(new UpdateContact(ID, Map.of("stage", "churned"), 2L))
                .expectEvents(new ContactUpdated(ID, ACME, Map.of("stage", new FieldChange("customer", "churned")), Set.of()))
                .expectResultMessagePayload(3L);
    }

    @Test
    void updateAtAnotherVersionIsAConflict() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()))
                .when(new UpdateContact(ID, Map.of("stage", "customer"), 2L))
                .expectNoEvents()
                .expectException(beaconError(ErrorCode.CONFLICT));
    }

    @Test
    void updateFailsWhenContactDeleted() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactDeleted(ID, ACME, ContactDeletionCause.REQUESTED))
                .when(new UpdateContact(ID, Map.of("stage", "customer"), null))
                .expectNoEvents()
                .expectException(beaconError(ErrorCode.NOT_FOUND));
    }

    @Test
    void deleteRecordsTheCompanyAndTheCause() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()))
                .when(DeleteContact.requested(ID))
                .expectEvents(new ContactDeleted(ID, ACME, ContactDeletionCause.REQUESTED))
                .expectResultMessagePayload(2L);
    }

    @Test
    void deletingADeletedContactIsNotFoundForAWriter() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactDeleted(ID, ACME, ContactDeletionCause.REQUESTED))
                .when(DeleteContact.requested(ID))
                .expectNoEvents()
                .expectException(beaconError(ErrorCode.NOT_FOUND));
    }

    @Test
    void cascadeDeleteOfADeletedContactChangesNothing() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactDeleted(ID, ACME, ContactDeletionCause.COMPANY_DELETED))
                .when(DeleteContact.companyDeleted(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void versionCountsEveryEventIncludingTheDeletion() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactUpdated(ID, ACME, Map.of("stage", new FieldChange("lead", "customer")), Set.of()),
                        new ContactUpdated(ID, ACME, Map.of("title", new FieldChange("Software Engineer", "CTO")), Set.of()))
                .when(DeleteContact.companyDeleted(ID))
                .expectEvents(new ContactDeleted(ID, ACME, ContactDeletionCause.COMPANY_DELETED))
                .expectResultMessagePayload(4L);
    }

    // ---------------------------------------------------------------- erasure of personal data

    private static final List<String> PERSONAL = List.of("first_name", "last_name", "email", "work_direct_phone",
            "home_phone", "mobile_phone", "other_phone", "metadata.linkedin_url", "metadata.facebook_url",
            "metadata.twitter_url");

    @Test
    void eraseDestroysTheKeyAndRecordsTheErasedFieldsWithoutValues() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactUpdated(ID, ACME, Map.of("stage", new FieldChange("lead", "customer")), Set.of()))
                .when(new EraseContactPersonalData(ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContactPersonalDataErased(ID, ACME, PERSONAL))
                .expectResultMessagePayload(3L);
        assertThat(destroyedKeys).containsExactly(ID);
    }

    @Test
    void erasingTwiceDestroysAgainButRecordsNothingNewAndSucceeds() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactPersonalDataErased(ID, ACME, PERSONAL))
                .when(new EraseContactPersonalData(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(2L);
        assertThat(destroyedKeys).as("a retry after a lost answer still makes sure the key is gone").containsExactly(ID);
    }

    @Test
    void aDeletedContactCanBeErasedItsHistoryStays() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactDeleted(ID, ACME, ContactDeletionCause.REQUESTED))
                .when(new EraseContactPersonalData(ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContactPersonalDataErased(ID, ACME, PERSONAL))
                .expectResultMessagePayload(3L);
        assertThat(destroyedKeys).containsExactly(ID);
    }

    @Test
    void erasingAnUnknownContactIsNotFoundAndDestroysNothing() {
        fixture.givenNoPriorActivity()
                .when(new EraseContactPersonalData(ID))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
        assertThat(destroyedKeys).isEmpty();
    }

    @Test
    void afterErasureAPersonalFieldCannotBeSetAgainButOtherFieldsCan() {
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactPersonalDataErased(ID, ACME, PERSONAL))
                .when(new UpdateContact(ID, Map.of("email", "john@example.com"), null))
                .expectNoEvents()
                .expectException(beaconError(ErrorCode.VALIDATION_ERROR));

        Map<String, Object> values = new HashMap<>();
        values.put("title", "CTO");
        values.put("first_name", null);
        fixture.given(new ContactCreated(ID, ACME, 1, JOHN, Set.of()),
                        new ContactPersonalDataErased(ID, ACME, PERSONAL))
                .when(new UpdateContact(ID, values, null))
                .expectEvents(new ContactUpdated(ID, ACME,
                        Map.of("title", new FieldChange("Software Engineer", "CTO")), Set.of()))
                .expectResultMessagePayload(3L);
    }

    @Test
    void personalFieldsAreTheOnesThatIdentifyOrReachThePerson() {
        assertThat(ContactField.personal().stream().map(ContactField::apiName)).containsExactlyElementsOf(PERSONAL);
    }

    /** A {@link BeaconException} carrying {@code code}, so the wire code is checked, not only the type. */
    private static Matcher<BeaconException> beaconError(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(BeaconException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a BeaconException with code ").appendValue(code);
            }
        };
    }
}

package io.beacon.company;

import io.beacon.common.BeaconException;
import io.beacon.company.command.CreateCompany;
import io.beacon.company.command.DeleteCompany;
import io.beacon.company.command.UpdateCompany;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;


class CompanyTest {

    private static final CompanyId ID = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final CompanyFields ACME = new CompanyFields("Acme", 250L, 50_000_000L, null,
            List.of("Technology", "Software"), List.of("saas"), List.of("Python"), "123 Main St", null,
            new CompanyMetadata("San Francisco", "CA", "United States", null, "https://acme.com", null, null, null));

    private FixtureConfiguration<Company> fixture;
    private final AtomicLong numbers = new AtomicLong(41);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Company.class);
        fixture.registerInjectableResource((CompanyNumbers) numbers::incrementAndGet);
    }

    @Test
    void createAssignsTheNextNumber() {
        fixture.givenNoPriorActivity()
                .when(new CreateCompany(ID, ACME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CompanyCreated(ID, 42, ACME));
    }

    @Test
    void updateRecordsOnlyChangedFieldsWithOldAndNewValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Acme Corp");
        values.put("employees_count", 250L);
        values.put("metadata.city", "Oakland");
        values.put("industries", List.of("Technology"));
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("name", new FieldChange("Acme", "Acme Corp"));
        changes.put("metadata.city", new FieldChange("San Francisco", "Oakland"));
        changes.put("industries", new FieldChange(List.of("Technology", "Software"), List.of("Technology")));

        fixture.given(new CompanyCreated(ID, 1, ACME))
                .when(new UpdateCompany(ID, values, null))
                .expectEvents(new CompanyUpdated(ID, changes))
                .expectResultMessagePayload(2L);
    }

    @Test
    void updateWithNoRealChangeProducesNoEvent() {
        fixture.given(new CompanyCreated(ID, 1, ACME))
                .when(new UpdateCompany(ID, Map.of("name", "Acme"), null))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void updateClearsAFieldGivenNull() {
        Map<String, Object> values = new HashMap<>();
        values.put("address", null);
        fixture.given(new CompanyCreated(ID, 1, ACME))
                .when(new UpdateCompany(ID, values, null))
                .expectEvents(new CompanyUpdated(ID, Map.of("address", new FieldChange("123 Main St", null))));
    }

    @Test
    void updateFailsOnVersionMismatch() {
        fixture.given(new CompanyCreated(ID, 1, ACME), new CompanyUpdated(ID, Map.of("name", new FieldChange("Acme", "B"))))
                .when(new UpdateCompany(ID, Map.of("name", "C"), 1L))
                .expectNoEvents()
                .expectException(BeaconException.class)
                .expectExceptionMessage("company " + ID + " is at version 2, not 1");
    }

    @Test
    void updateSucceedsOnMatchingVersion() {
        fixture.given(new CompanyCreated(ID, 1, ACME))
                .when(new UpdateCompany(ID, Map.of("name", "C"), 1L))
                .expectEvents(new CompanyUpdated(ID, Map.of("name", new FieldChange("Acme", "C"))));
    }

    @Test
    void updateFailsWhenCompanyDeleted() {
        fixture.given(new CompanyCreated(ID, 1, ACME), new CompanyDeleted(ID))
                .when(new UpdateCompany(ID, Map.of("name", "C"), null))
                .expectNoEvents()
                .expectException(BeaconException.class)
                .expectExceptionMessage("company " + ID + " not found");
    }

    @Test
    void deleteRecordsDeletion() {
        fixture.given(new CompanyCreated(ID, 1, ACME))
                .when(new DeleteCompany(ID))
                .expectEvents(new CompanyDeleted(ID))
                .expectResultMessagePayload(2L);
    }

    @Test
    void deleteTwiceIsNotFound() {
        fixture.given(new CompanyCreated(ID, 1, ACME), new CompanyDeleted(ID))
                .when(new DeleteCompany(ID))
                .expectNoEvents()
                .expectExceptionMessage("company " + ID + " not found");
    }
}

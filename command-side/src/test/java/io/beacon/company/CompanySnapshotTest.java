package io.beacon.company;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot is the aggregate's fields as JSON: it must come back as the same company. */
class CompanySnapshotTest {

    private static final CompanyId ID = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final CompanyFields ACME = new CompanyFields("Acme", 250L, 50_000_000L, null,
            List.of("Technology", "Software"), List.of("saas"), List.of("Python"), "123 Main St", null,
            new CompanyMetadata("San Francisco", "CA", "United States", null, "https://acme.com", null, null, null));

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aSnapshotRestoresTheCompany() {
        Company company = new Company();
        company.on(new CompanyCreated(ID, 42, ACME));
        company.on(new CompanyUpdated(ID, Map.of("name", new FieldChange("Acme", "Acme Corp"))));

        Company restored = roundTrip(company);

        assertThat(restored).usingRecursiveComparison().isEqualTo(company);
        assertThat(restored.isLive()).isTrue();
    }

    @Test
    void aSnapshotKeepsADeletion() {
        Company company = new Company();
        company.on(new CompanyCreated(ID, 42, ACME));
        company.on(new CompanyDeleted(ID));

        Company restored = roundTrip(company);

        assertThat(restored).usingRecursiveComparison().isEqualTo(company);
        assertThat(restored.isLive()).isFalse();
    }

    @Test
    void aSnapshotCarriesTheAggregatesRevision() {
        Company company = new Company();
        company.on(new CompanyCreated(ID, 42, ACME));

        SerializedObject<byte[]> snapshot = serializer.serialize(company, byte[].class);

        assertThat(snapshot.getType().getName()).isEqualTo(Company.class.getName());
        assertThat(snapshot.getType().getRevision()).isEqualTo(Company.SNAPSHOT_REVISION);
    }

    @Test
    void snapshotsOfAnotherRevisionAreNotUsed() {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .registerComponent(CompanyNumbers.class, c -> () -> 1)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Company.class))
                .buildConfiguration();

        SnapshotFilter filter = configuration.snapshotFilter();

        assertThat(filter.allow(snapshot(Company.SNAPSHOT_REVISION))).isTrue();
        assertThat(filter.allow(snapshot(null))).as("stored before snapshots had a revision").isFalse();
    }

    private static GenericDomainEventEntry<String> snapshot(String revision) {
        return new GenericDomainEventEntry<>("Company", ID.value(), 5, "snapshot", Instant.now(),
                Company.class.getName(), revision, "{}", "{}");
    }

    private Company roundTrip(Company company) {
        SerializedObject<byte[]> snapshot = serializer.serialize(company, byte[].class);
        return serializer.deserialize(snapshot);
    }
}

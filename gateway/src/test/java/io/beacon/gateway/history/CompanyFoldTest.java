package io.beacon.gateway.history;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.query.CompanyView;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.beacon.gateway.history.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompanyFoldTest {

    private static final CompanyId ID = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00.123456789Z");
    private static final Instant UPDATED = Instant.parse("2026-11-30T10:05:00.987654Z");
    private static final CompanyFields FIELDS = new CompanyFields("Acme Corporation", 250L, 50_000_000L, null,
            List.of("Technology", "Software"), List.of("saas"), List.of(), "123 Main St", null,
            new CompanyMetadata("San Francisco", "CA", "United States", null, "https://acme.com", null, null, null));

    @Test
    void aCreatedCompanyShowsItsFieldsNumberAndFirstVersion() {
        CompanyFold fold = new CompanyFold();
        fold.apply(event("Company", ID.value(), 0, new CompanyCreated(ID, 7, FIELDS), CREATED));

        CompanyView view = fold.view().orElseThrow();

        assertThat(view).isEqualTo(new CompanyView(7, ID.value(), "Acme Corporation", 250L, 50_000_000L, null,
                List.of("Technology", "Software"), List.of("saas"), List.of(), "123 Main St", null, FIELDS.metadata(),
                1, Instant.parse("2026-11-30T10:00:00.123Z"), Instant.parse("2026-11-30T10:00:00.123Z"), false));
    }

    @Test
    void updatesSetTheirNewValuesAsTheAggregateDoesClearingAndMergingMetadata() {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("name", new FieldChange("Acme Corporation", "Acme Corp"));
        // Decoded from JSON, a small integer is an Integer: the field's own rule makes it a Long.
        changes.put("total_funding", new FieldChange(null, 25_000_000));
        changes.put("industries", new FieldChange(List.of("Technology", "Software"), List.of("Fintech")));
        changes.put("address", new FieldChange("123 Main St", null));
        changes.put("metadata.city", new FieldChange("San Francisco", "Oakland"));
        CompanyFold fold = new CompanyFold();
        fold.apply(event("Company", ID.value(), 0, new CompanyCreated(ID, 7, FIELDS), CREATED));
        fold.apply(event("Company", ID.value(), 1, new CompanyUpdated(ID, changes), UPDATED));

        CompanyView view = fold.view().orElseThrow();

        assertThat(view.name()).isEqualTo("Acme Corp");
        assertThat(view.totalFunding()).isEqualTo(25_000_000L);
        assertThat(view.industries()).containsExactly("Fintech");
        assertThat(view.address()).isNull();
        assertThat(view.metadata()).isEqualTo(new CompanyMetadata("Oakland", "CA", "United States", null,
                "https://acme.com", null, null, null));
        assertThat(view.keywords()).containsExactly("saas");
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.createdAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123Z"));
        assertThat(view.updatedAt()).isEqualTo(Instant.parse("2026-11-30T10:05:00.987Z"));
    }

    @Test
    void aDeletedCompanyHasNoViewButKeepsItsName() {
        CompanyFold fold = new CompanyFold();
        fold.apply(event("Company", ID.value(), 0, new CompanyCreated(ID, 7, FIELDS), CREATED));
        fold.apply(event("Company", ID.value(), 1, new CompanyDeleted(ID), UPDATED));

        assertThat(fold.view()).isEmpty();
        assertThat(fold.name()).isEqualTo("Acme Corporation");
    }

    @Test
    void nothingFoldedIsNoCompany() {
        CompanyFold fold = new CompanyFold();

        assertThat(fold.view()).isEmpty();
        assertThat(fold.name()).isNull();
    }

    @Test
    void anEventBeforeTheCreationIsRefused() {
        CompanyFold fold = new CompanyFold();

        assertThatThrownBy(() -> fold.apply(event("Company", ID.value(), 0, new CompanyDeleted(ID), CREATED)))
                .isInstanceOf(IllegalStateException.class);
    }
}

package io.beacon.gateway.history;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.query.CompanyView;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.Optional;

/**
 * A company's state folded from its events, oldest first, by the domain's own rule: a change sets its
 * field through {@link CompanyFields#with}, as the {@code Company} aggregate does, so a past state can
 * never disagree with how the company came to be. {@code version} counts the events folded, and times
 * are shown as the read model shows them ({@link ShownTime}). An event of a kind this fold does not know
 * counts as a version and changes no field.
 */
final class CompanyFold {

    private String uuid;
    private long number;
    private CompanyFields fields;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private boolean deleted;

    /** Folds the next event of the company's stream. */
    void apply(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof CompanyCreated created) {
            uuid = created.companyId().value();
            number = created.number();
            fields = created.fields();
            createdAt = ShownTime.shown(message.getTimestamp());
        } else if (fields == null) {
            throw new IllegalStateException("company event before its creation: " + message.getPayloadType().getName());
        } else if (payload instanceof CompanyUpdated updated) {
            updated.changes().forEach((name, change) -> fields = fields.with(CompanyField.fromApiName(name), change.newValue()));
        } else if (payload instanceof CompanyDeleted) {
            deleted = true;
        }
        version++;
        updatedAt = ShownTime.shown(message.getTimestamp());
    }

    /** The company's name, deleted or not; null before its creation. */
    String name() {
        return fields == null ? null : fields.name();
    }

    /** The company as {@code get_company} shows it; empty before its creation or once deleted. */
    Optional<CompanyView> view() {
        if (fields == null || deleted) {
            return Optional.empty();
        }
        return Optional.of(new CompanyView(number, uuid, fields.name(), fields.employeesCount(), fields.annualRevenue(),
                fields.totalFunding(), fields.industries(), fields.keywords(), fields.technologies(), fields.address(),
                fields.textSearch(), fields.metadata(), version, createdAt, updatedAt, false));
    }
}

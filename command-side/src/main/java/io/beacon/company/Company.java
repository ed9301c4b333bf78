package io.beacon.company;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.command.CreateCompany;
import io.beacon.company.command.DeleteCompany;
import io.beacon.company.command.UpdateCompany;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The write model of one company. Command handlers return the company's version after the command
 * (its number of events), which the gateway waits for on the read side before answering.
 */
@Aggregate(snapshotTriggerDefinition = CompanySnapshots.TRIGGER)
// Snapshots are its fields as JSON (Axon's Jackson serializer); the methods are behaviour, not state.
// The snapshot's revision: Axon's RevisionSnapshotFilter ignores snapshots of any other revision, so
// raising it when the state or its events' schema changes rebuilds each company from its events once.
// "2" came with revision 2 of the company events; snapshots stored before it have none.
@Revision(Company.SNAPSHOT_REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Company {

    static final String SNAPSHOT_REVISION = "2";

    @AggregateIdentifier
    private CompanyId companyId;
    private CompanyFields fields;
    private long version;
    private boolean deleted;

    Company() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Company(CreateCompany command, CompanyNumbers numbers) {
        apply(new CompanyCreated(command.companyId(), numbers.next(), command.fields()));
    }

    @CommandHandler
    long handle(UpdateCompany command) {
        requireLive();
        requireVersion(command.expectedVersion());
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        command.values().forEach((name, newValue) -> {
            Object oldValue = CompanyField.fromApiName(name).get(fields);
            if (!Objects.equals(oldValue, newValue)) {
                changes.put(name, new FieldChange(oldValue, newValue));
            }
        });
        if (!changes.isEmpty()) {
            apply(new CompanyUpdated(companyId, changes));
        }
        return version;
    }

    @CommandHandler
    long handle(DeleteCompany command) {
        requireLive();
        apply(new CompanyDeleted(companyId));
        return version;
    }

    boolean isLive() {
        return !deleted;
    }

    private void requireLive() {
        if (deleted) {
            throw BeaconException.notFound("company " + companyId + " not found");
        }
    }

    private void requireVersion(Long expected) {
        if (expected != null && expected != version) {
            throw new BeaconException(ErrorCode.CONFLICT,
                    "company " + companyId + " is at version " + version + ", not " + expected);
        }
    }

    @EventSourcingHandler
    void on(CompanyCreated event) {
        companyId = event.companyId();
        fields = event.fields();
        version = 1;
    }

    @EventSourcingHandler
    void on(CompanyUpdated event) {
        event.changes().forEach((name, change) -> fields = fields.with(CompanyField.fromApiName(name), change.newValue()));
        version++;
    }

    @EventSourcingHandler
    void on(CompanyDeleted event) {
        deleted = true;
        version++;
    }
}

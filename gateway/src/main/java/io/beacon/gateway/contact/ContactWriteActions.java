package io.beacon.gateway.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.contact.command.CreateContact;
import io.beacon.contact.command.DeleteContact;
import io.beacon.contact.command.EraseContactPersonalData;
import io.beacon.contact.command.UpdateContact;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.query.FindContactIncludingDeleted;
import io.beacon.contact.value.ContactId;
import io.beacon.gateway.write.ReadYourWrites;
import io.beacon.gateway.write.WriteActionFamily;
import io.beacon.gateway.write.WriteCommands;
import io.beacon.gateway.write.WriteGuard;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import static io.beacon.gateway.write.WriteRequests.expectedVersion;
import static io.beacon.gateway.write.WriteRequests.required;
import static io.beacon.gateway.write.WriteRequests.text;

/**
 * {@code create_contact}, {@code update_contact}, {@code delete_contact} and
 * {@code erase_contact_personal_data} (admin + write key): each becomes a command; the answer waits until
 * the contacts read model shows the result.
 */
@Component
class ContactWriteActions extends WriteActionFamily {

    ContactWriteActions(WriteCommands commands, ReadYourWrites readYourWrites, WriteGuard guard) {
        super(commands, readYourWrites, guard);
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("create_contact", ObjectNode.class, ErrorCode.CREATE_ERROR, this::create)
                        .accepting(ContactWriteValues.FIELDS, Set.of("company_uuid", "uuid")),
                ActionDefinition.of("update_contact", ObjectNode.class, ErrorCode.UPDATE_ERROR, this::update)
                        .accepting(ContactWriteValues.FIELDS, Set.of("contact_uuid", "expected_version")),
                ActionDefinition.of("delete_contact", ObjectNode.class, ErrorCode.DELETE_ERROR, this::delete)
                        .accepting(Set.of("contact_uuid")),
                ActionDefinition.of("erase_contact_personal_data", ObjectNode.class, ErrorCode.UPDATE_ERROR, this::erase)
                        .accepting(Set.of("contact_uuid")));
    }

    private CompletionStage<ContactView> create(ActionContext context, ObjectNode data) {
        guard.require(context);
        ContactId id = data.hasNonNull("uuid") ? ContactId.of(text(data, "uuid")) : ContactId.random();
        CreateContact command = ContactWriteValues.createCommand(id, data);
        return found("contact " + id, send(id, false,
                () -> commands.<Object>dispatch(context, command).thenApply(created -> 1L)));
    }

    private CompletionStage<ContactView> update(ActionContext context, ObjectNode data) {
        guard.require(context);
        ContactId id = ContactId.of(required(data, "contact_uuid"));
        Long expectedVersion = expectedVersion(data);
        UpdateContact command = new UpdateContact(id, ContactWriteValues.read(data), expectedVersion);
        return found("contact " + id, send(id, false, () -> commands.dispatch(context, command)));
    }

    private CompletionStage<Map<String, Object>> delete(ActionContext context, ObjectNode data) {
        guard.require(context);
        ContactId id = ContactId.of(required(data, "contact_uuid"));
        return send(id, true, () -> commands.dispatch(context, DeleteContact.requested(id)))
                .thenApply(view -> Map.of());
    }

    /**
     * Erases the contact's personal data (its key is destroyed): answers the contact as the read model then
     * shows it (personal fields null, {@code personal_data_erased} true), or {@code {}} for a deleted contact,
     * which reads never show. Waits on the contact deleted or not, so a deleted one is waited for too.
     */
    private CompletionStage<Object> erase(ActionContext context, ObjectNode data) {
        guard.require(context);
        ContactId id = ContactId.of(required(data, "contact_uuid"));
        return readYourWrites.send(new FindContactIncludingDeleted(id), ContactView.class, false,
                        () -> commands.<Long>dispatch(context, new EraseContactPersonalData(id))
                                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(notAContact(failure, id))))
                .thenApply(view -> view.<Object>map(v -> v).orElseGet(Map::of));
    }

    /** The uuid of another kind of record (a company) is no contact: {@code not_found}, as an unknown one. */
    private static Throwable notAContact(Throwable failure, ContactId id) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IncompatibleAggregateException) {
                return BeaconException.notFound("contact " + id + " not found");
            }
        }
        return failure;
    }

    private CompletableFuture<Optional<ContactView>> send(ContactId id, boolean deletion,
                                                          Supplier<CompletableFuture<Long>> command) {
        return readYourWrites.send(new FindContact(id), ContactView.class, deletion, command);
    }
}

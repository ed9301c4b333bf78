package io.beacon.gateway.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.command.CreateContact;
import io.beacon.contact.command.DeleteContact;
import io.beacon.contact.command.UpdateContact;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.gateway.company.WriteGuard;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code create_contact}, {@code update_contact}, {@code delete_contact} (admin + write key): each
 * becomes a command; the answer waits until the contacts read model shows the result.
 */
@Component
class ContactWriteActions implements ActionFamily {

    private final CommandGateway commands;
    private final ContactReadYourWrites readYourWrites;
    private final WriteGuard guard;

    ContactWriteActions(CommandGateway commands, ContactReadYourWrites readYourWrites, WriteGuard guard) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.guard = guard;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("create_contact", ObjectNode.class, ErrorCode.CREATE_ERROR, this::create)
                        .accepting(ContactWriteValues.FIELDS, Set.of("company_uuid", "uuid")),
                ActionDefinition.of("update_contact", ObjectNode.class, ErrorCode.UPDATE_ERROR, this::update)
                        .accepting(ContactWriteValues.FIELDS, Set.of("contact_uuid", "expected_version")),
                ActionDefinition.of("delete_contact", ObjectNode.class, ErrorCode.DELETE_ERROR, this::delete)
                        .accepting(Set.of("contact_uuid")));
    }

    private CompletionStage<ContactView> create(ActionContext context, ObjectNode data) {
        guard.require(context);
        CompanyId companyId = CompanyId.of(required(data, "company_uuid"));
        ContactId id = data.hasNonNull("uuid") ? ContactId.of(text(data, "uuid")) : ContactId.random();
        Map<ContactField, Object> values = new EnumMap<>(ContactField.class);
        ContactWriteValues.read(data).forEach((name, value) -> values.put(ContactField.fromApiName(name), value));
        CreateContact command = new CreateContact(id, companyId, ContactFields.of(values));
        return readYourWrites.send(id, false, () -> this.<Object>dispatch(context, command).thenApply(created -> 1L))
                .thenApply(view -> view.orElseThrow(() -> BeaconException.notFound("contact " + id + " not found")));
    }

    private CompletionStage<ContactView> update(ActionContext context, ObjectNode data) {
        guard.require(context);
        ContactId id = ContactId.of(required(data, "contact_uuid"));
        Long expectedVersion = null;
        JsonNode version = data.get("expected_version");
        if (version != null && !version.isNull()) {
            if (!version.isIntegralNumber() || !version.canConvertToLong()) {
                throw BeaconException.validation("expected_version must be an integer");
            }
            expectedVersion = version.longValue();
        }
        UpdateContact command = new UpdateContact(id, ContactWriteValues.read(data), expectedVersion);
        return readYourWrites.send(id, false, () -> dispatch(context, command))
                .thenApply(view -> view.orElseThrow(() -> BeaconException.notFound("contact " + id + " not found")));
    }

    private CompletionStage<Map<String, Object>> delete(ActionContext context, ObjectNode data) {
        guard.require(context);
        ContactId id = ContactId.of(required(data, "contact_uuid"));
        return readYourWrites.send(id, true, () -> dispatch(context, DeleteContact.requested(id)))
                .thenApply(view -> Map.of());
    }

    /** Sends a command carrying who asked and on which request; events inherit that metadata. */
    private <R> CompletableFuture<R> dispatch(ActionContext context, Object command) {
        Map<String, Object> meta = new HashMap<>();
        meta.put("actor_uuid", context.user().uuid());
        meta.put("actor_email", context.user().email());
        if (context.requestId() != null) {
            meta.put("request_id", context.requestId());
        }
        return commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(meta)));
    }

    private static String required(ObjectNode data, String field) {
        if (!data.hasNonNull(field)) {
            throw BeaconException.missing(field);
        }
        return text(data, field);
    }

    private static String text(ObjectNode data, String field) {
        JsonNode node = data.get(field);
        if (!node.isTextual()) {
            throw BeaconException.validation(field + " must be a string");
        }
        return node.textValue();
    }
}

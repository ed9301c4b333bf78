package io.beacon.gateway.company;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.command.CreateCompany;
import io.beacon.company.command.DeleteCompany;
import io.beacon.company.command.UpdateCompany;
import io.beacon.company.query.CompanyView;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code create_company}, {@code update_company}, {@code delete_company}: each becomes a command;
 * the answer waits until the read model shows the result (read-your-writes).
 */
@Component
class CompanyWriteActions implements ActionFamily {

    private final CommandGateway commands;
    private final ReadYourWrites readYourWrites;
    private final WriteGuard guard;

    CompanyWriteActions(CommandGateway commands, ReadYourWrites readYourWrites, WriteGuard guard) {
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
                ActionDefinition.of("create_company", ObjectNode.class, ErrorCode.CREATE_ERROR, this::create)
                        .accepting(CompanyWriteValues.FIELDS, Set.of("uuid")),
                ActionDefinition.of("update_company", ObjectNode.class, ErrorCode.UPDATE_ERROR, this::update)
                        .accepting(CompanyWriteValues.FIELDS, Set.of("company_uuid", "expected_version")),
                ActionDefinition.of("delete_company", ObjectNode.class, ErrorCode.DELETE_ERROR, this::delete)
                        .accepting(Set.of("company_uuid")));
    }

    private CompletionStage<CompanyView> create(ActionContext context, ObjectNode data) {
        guard.require(context);
        CompanyId id = data.hasNonNull("uuid") ? CompanyId.of(text(data, "uuid")) : CompanyId.random();
        CompanyFields fields = CompanyFields.EMPTY;
        for (Map.Entry<String, Object> value : CompanyWriteValues.read(data).entrySet()) {
            fields = fields.with(CompanyField.fromApiName(value.getKey()), value.getValue());
        }
        CreateCompany command = new CreateCompany(id, fields);
        return readYourWrites.send(id, false, () -> this.<Object>dispatch(context, command).thenApply(created -> 1L))
                .thenApply(view -> view.orElseThrow(() -> BeaconException.notFound("company " + id + " not found")));
    }

    private CompletionStage<CompanyView> update(ActionContext context, ObjectNode data) {
        guard.require(context);
        CompanyId id = CompanyId.of(required(data, "company_uuid"));
        Long expectedVersion = null;
        JsonNode version = data.get("expected_version");
        if (version != null && !version.isNull()) {
            if (!version.isIntegralNumber() || !version.canConvertToLong()) {
                throw BeaconException.validation("expected_version must be an integer");
            }
            expectedVersion = version.longValue();
        }
        UpdateCompany command = new UpdateCompany(id, CompanyWriteValues.read(data), expectedVersion);
        return readYourWrites.send(id, false, () -> dispatch(context, command))
                .thenApply(view -> view.orElseThrow(() -> BeaconException.notFound("company " + id + " not found")));
    }

    private CompletionStage<Map<String, Object>> delete(ActionContext context, ObjectNode data) {
        guard.require(context);
        CompanyId id = CompanyId.of(required(data, "company_uuid"));
        return readYourWrites.send(id, true, () -> dispatch(context, new DeleteCompany(id)))
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

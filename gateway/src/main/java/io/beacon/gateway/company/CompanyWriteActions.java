package io.beacon.gateway.company;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.ErrorCode;
import io.beacon.company.command.CreateCompany;
import io.beacon.company.command.DeleteCompany;
import io.beacon.company.command.UpdateCompany;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.FindCompany;
import io.beacon.company.value.CompanyId;
import io.beacon.gateway.write.ReadYourWrites;
import io.beacon.gateway.write.WriteActionFamily;
import io.beacon.gateway.write.WriteCommands;
import io.beacon.gateway.write.WriteGuard;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
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
 * {@code create_company}, {@code update_company}, {@code delete_company}: each becomes a command;
 * the answer waits until the read model shows the result (read-your-writes).
 */
@Component
class CompanyWriteActions extends WriteActionFamily {

    CompanyWriteActions(WriteCommands commands, ReadYourWrites readYourWrites, WriteGuard guard) {
        super(commands, readYourWrites, guard);
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
        CreateCompany command = CompanyWriteValues.createCommand(id, data);
        return found("company " + id, send(id, false,
                () -> commands.<Object>dispatch(context, command).thenApply(created -> 1L)));
    }

    private CompletionStage<CompanyView> update(ActionContext context, ObjectNode data) {
        guard.require(context);
        CompanyId id = CompanyId.of(required(data, "company_uuid"));
        Long expectedVersion = expectedVersion(data);
        UpdateCompany command = new UpdateCompany(id, CompanyWriteValues.read(data), expectedVersion);
        return found("company " + id, send(id, false, () -> commands.dispatch(context, command)));
    }

    private CompletionStage<Map<String, Object>> delete(ActionContext context, ObjectNode data) {
        guard.require(context);
        CompanyId id = CompanyId.of(required(data, "company_uuid"));
        return send(id, true, () -> commands.dispatch(context, new DeleteCompany(id)))
                .thenApply(view -> Map.of());
    }

    private CompletableFuture<Optional<CompanyView>> send(CompanyId id, boolean deletion,
                                                          Supplier<CompletableFuture<Long>> command) {
        return readYourWrites.send(new FindCompany(id), CompanyView.class, deletion, command);
    }
}

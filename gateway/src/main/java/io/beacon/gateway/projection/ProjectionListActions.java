package io.beacon.gateway.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import io.beacon.projection.ProjectionAdmin;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code list_projections}, admin only: where each event processor stands (position, lag in events and
 * seconds, the generation that answers, its replay). A read action, so it can be subscribed to: a live list
 * follows replays on {@code system_status}.
 */
@Component
class ProjectionListActions implements ActionFamily {

    private final ProjectionAdmin projections;

    ProjectionListActions(ProjectionAdmin projections) {
        this.projections = projections;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(ActionDefinition.of("list_projections", ObjectNode.class, ErrorCode.LIST_ERROR, this::list)
                .accepting(Set.of()));
    }

    private CompletionStage<Map<String, Object>> list(ActionContext context, ObjectNode data) {
        context.requireAdmin();
        // Actions already run on the gateway's workers; the answer is computed here.
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projections", projections.list().stream().map(ProjectionWire::wire).toList());
        return CompletableFuture.completedFuture(answer);
    }
}

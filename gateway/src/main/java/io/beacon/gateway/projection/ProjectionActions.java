package io.beacon.gateway.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import io.beacon.projection.ProjectionAdmin;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import static io.beacon.gateway.write.WriteRequests.required;

/**
 * {@code replay_projection}, admin only: a blue/green rebuild of a read model, whose progress the
 * {@code system_status} channel pushes ({@link ProjectionListActions} shows where each processor stands).
 */
@Component
class ProjectionActions implements ActionFamily {

    /** Processor names are plain identifiers; anything else is refused before it reaches a lookup. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private final ProjectionAdmin projections;

    ProjectionActions(ProjectionAdmin projections) {
        this.projections = projections;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("replay_projection", ObjectNode.class, ErrorCode.UPDATE_ERROR, this::replay)
                        .accepting(Set.of("name")));
    }

    private CompletionStage<Map<String, Object>> replay(ActionContext context, ObjectNode data) {
        context.requireAdmin();
        String name = required(data, "name");
        if (!NAME.matcher(name).matches()) {
            throw BeaconException.validation("name must be a projection name, as list_projections shows it");
        }
        String requestedBy = context.user().email();
        return CompletableFuture.completedFuture(ProjectionWire.wire(projections.startReplay(name, requestedBy)));
    }
}

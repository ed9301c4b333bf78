package io.beacon.gateway.projection;

import io.beacon.projection.ProjectionAdmin;
import io.beacon.projection.value.ProjectionStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code projections} part of the health endpoint: every event processor's status, generation and lag
 * (events and seconds). Down while a processor is failing on an event (it retries, and its lag grows); a
 * processor that is only behind, or replaying, is up: its lag says by how much.
 */
@Component("projections")
class ProjectionHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionAdmin projections;

    ProjectionHealthIndicator(ProjectionAdmin projections) {
        super("projections health check failed");
        this.projections = projections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean failing = false;
        for (ProjectionStatus status : projections.list()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", status.status());
            detail.put("generation", status.generation());
            detail.put("position", status.position());
            detail.put("lag_events", status.lagEvents());
            detail.put("lag_seconds", status.lagSeconds());
            builder.withDetail(status.name(), detail);
            failing |= "error".equals(status.status());
        }
        if (failing) {
            builder.down();
        } else {
            builder.up();
        }
    }
}

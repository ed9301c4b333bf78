package io.beacon.gateway.projection;

import io.beacon.projection.ProjectionAdmin;
import io.beacon.projection.value.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Processor lag as Prometheus gauges, {@code beacon.projection.lag.events} and
 * {@code beacon.projection.lag.seconds}, tagged by processor. One scrape reads every processor's token
 * once: the list is kept for a second, however many gauges ask.
 */
@Component
class ProjectionMetrics implements MeterBinder {

    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final ProjectionAdmin projections;
    private volatile List<ProjectionStatus> last = List.of();
    private volatile long readAt;

    ProjectionMetrics(ProjectionAdmin projections) {
        this.projections = projections;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<String, Boolean> bound = new ConcurrentHashMap<>();
        for (ProjectionStatus status : statuses()) {
            String name = status.name();
            if (bound.putIfAbsent(name, true) == null) {
                gauge(registry, "beacon.projection.lag.events", "events stored that the processor has not handled",
                        name, s -> s.lagEvents());
                gauge(registry, "beacon.projection.lag.seconds", "age of the oldest event the processor has not handled",
                        name, ProjectionStatus::lagSeconds);
            }
        }
    }

    private void gauge(MeterRegistry registry, String metric, String description, String name,
                       ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(metric, this, metrics -> metrics.find(name).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("projection", name).register(registry);
    }

    private Optional<ProjectionStatus> find(String name) {
        return statuses().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private List<ProjectionStatus> statuses() {
        long now = System.nanoTime();
        if (now - readAt > FRESH_NANOS || last.isEmpty()) {
            last = projections.list();
            readAt = now;
        }
        return last;
    }
}

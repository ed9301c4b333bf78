package io.beacon.gateway.projection;

import io.beacon.projection.value.ProjectionStatus;
import io.beacon.projection.value.ReplayProgress;

import java.util.LinkedHashMap;
import java.util.Map;

/** Projections and replays on the wire, as list_projections and replay_projection answer them. */
final class ProjectionWire {

    private ProjectionWire() {
    }

    static Map<String, Object> wire(ProjectionStatus status) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("name", status.name());
        wire.put("status", status.status());
        wire.put("replayable", status.replayable());
        wire.put("generation", status.generation());
        wire.put("position", status.position());
        wire.put("head", status.head());
        wire.put("lag", status.lagEvents());
        wire.put("lag_events", status.lagEvents());
        wire.put("lag_seconds", status.lagSeconds());
        wire.put("replay", status.replay() == null ? null : wire(status.replay()));
        return wire;
    }

    static Map<String, Object> wire(ReplayProgress progress) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("replay_id", progress.replayId().value());
        wire.put("projection", progress.projection());
        wire.put("generation", progress.generation());
        wire.put("status", progress.phase().wireName());
        wire.put("progress", progress.percent());
        wire.put("position", progress.position());
        wire.put("head", progress.head());
        wire.put("events_processed", progress.processed());
        wire.put("events_total", progress.total());
        wire.put("events_per_second", Math.round(progress.eventsPerSecond() * 10) / 10.0);
        wire.put("eta_seconds", progress.etaSeconds());
        wire.put("started_at", progress.startedAt() == null ? null : progress.startedAt().toString());
        wire.put("finished_at", progress.finishedAt() == null ? null : progress.finishedAt().toString());
        wire.put("error", progress.error());
        return wire;
    }
}

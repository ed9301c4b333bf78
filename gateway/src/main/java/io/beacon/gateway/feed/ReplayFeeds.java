package io.beacon.gateway.feed;

import io.beacon.projection.event.ProjectionReplayCompleted;
import io.beacon.projection.event.ProjectionReplayFailed;
import io.beacon.projection.event.ProjectionReplayProgressed;
import io.beacon.projection.event.ProjectionReplayStarted;
import io.beacon.projection.value.ReplayPhase;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Projection replays on the {@code system_status} channel (and {@code audit}): {@code status_update}
 * {@code {entity_type: "projection", entity_id, status: replaying|completed|failed, replay_id}} when one
 * starts and ends, and {@code replay_progress} {@code {projection, replay_id, status, progress, position,
 * head, events_processed, events_total, events_per_second, eta_seconds}} while it runs. Who asked for
 * the replay is kept in the event, for the audit trail, not pushed to every user.
 */
final class ReplayFeeds {

    static final String SYSTEM_STATUS = "system_status";
    private static final List<String> CHANNELS = List.of(SYSTEM_STATUS, FeedEvents.AUDIT);

    private ReplayFeeds() {
    }

    static boolean handles(Object payload) {
        return payload instanceof ProjectionReplayStarted || payload instanceof ProjectionReplayProgressed
                || payload instanceof ProjectionReplayCompleted || payload instanceof ProjectionReplayFailed;
    }

    static Optional<FeedEvent> of(TrackedEventMessage<?> message, Predicate<List<String>> wanted) {
        if (!wanted.test(CHANNELS)) {
            return Optional.empty();
        }
        Object payload = message.getPayload();
        Map<String, Object> data = new LinkedHashMap<>();
        String type = "status_update";
        if (payload instanceof ProjectionReplayStarted e) {
            status(data, e.projection(), "replaying", e.replayId().value());
            data.put("generation", e.generation());
        } else if (payload instanceof ProjectionReplayProgressed e) {
            type = "replay_progress";
            data.put("projection", e.projection());
            data.put("replay_id", e.replayId().value());
            data.put("status", e.phase().wireName());
            data.put("progress", percent(e));
            data.put("position", e.position());
            data.put("head", e.head());
            data.put("events_processed", e.processed());
            data.put("events_total", e.total());
            data.put("events_per_second", Math.round(e.eventsPerSecond() * 10) / 10.0);
            data.put("eta_seconds", e.etaSeconds());
        } else if (payload instanceof ProjectionReplayCompleted e) {
            status(data, e.projection(), ReplayPhase.COMPLETED.wireName(), e.replayId().value());
            data.put("generation", e.generation());
            data.put("position", e.position());
        } else if (payload instanceof ProjectionReplayFailed e) {
            status(data, e.projection(), ReplayPhase.FAILED.wireName(), e.replayId().value());
            data.put("error", e.error());
        } else {
            return Optional.empty();
        }
        return Optional.of(new FeedEvent(FeedEvents.offsetOf(message.trackingToken()), type, message.getTimestamp(),
                data, CHANNELS));
    }

    private static void status(Map<String, Object> data, String projection, String status, String replayId) {
        data.put("entity_type", "projection");
        data.put("entity_id", projection);
        data.put("status", status);
        data.put("replay_id", replayId);
    }

    private static int percent(ProjectionReplayProgressed e) {
        return e.total() <= 0 ? 0 : (int) Math.min(99, e.processed() * 100 / e.total());
    }
}

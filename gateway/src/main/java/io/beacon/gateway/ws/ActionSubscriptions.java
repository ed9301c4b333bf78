package io.beacon.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.feed.EventFeed;
import io.beacon.gateway.feed.FeedEvent;
import io.beacon.gateway.feed.FeedSubscription;
import io.beacon.gateway.feed.UploadFeeds;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * {@code subscribe} / {@code unsubscribe} on an action endpoint: any read action becomes a live
 * query. {@code subscribe {query, data}} answers {@code {subscription_id, initial}} (the action's own
 * answer); afterwards, whenever an event that can change the answer has reached the read model, the
 * action runs again and, if its answer changed, the client gets a {@code subscription_update} with the
 * event's {@code offset}: for list answers one update per row entering, changing in or leaving the
 * result ({@code {change: entered|changed|left, uuid, row}}), for other answers the new answer.
 *
 * <p>The feed subscription opens before the initial answer is computed, so an event landing in
 * between is not lost: it triggers a recomputation, compared with the initial answer. Events are
 * handled one at a time per subscription; a burst is coalesced into one recomputation at its last offset.
 */
final class ActionSubscriptions {

    /** Runs a read action for a connection, as a request would, and completes with its answer. */
    interface Invoker {
        CompletionStage<Object> invoke(ActionRegistry.Registered<?> action, ObjectNode data);
    }

    private final ObjectMapper json;
    private final EventFeed feed;
    private final ExecutorService workers;
    private final ReadModelWait readModel;
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    ActionSubscriptions(ObjectMapper json, EventFeed feed, ExecutorService workers, ReadModelWait readModel) {
        this.json = json;
        this.feed = feed;
        this.workers = workers;
        this.readModel = readModel;
    }

    /**
     * Starts a live query of {@code action} with {@code data}; completes with the subscribe answer.
     * {@code push} sends an update envelope's {@code (subscription_id, data, offset)}.
     */
    CompletionStage<Object> subscribe(ActionRegistry.Registered<?> action, ObjectNode data, Invoker invoker,
                                      UpdateSender push) {
        String id = UUID.randomUUID().toString();
        Live subscription = new Live(id, action, data, invoker, push);
        JsonNode companyUuid = data.get("company_uuid");
        String channel = action.definition().name().contains("upload") ? UploadFeeds.ALL
                : action.definition().name().contains("projection") ? SYSTEM_STATUS
                : companyUuid != null && companyUuid.isTextual() ? "company:" + companyUuid.asText().toLowerCase() : "companies";
        subscription.feed = feed.subscribe(channel, null, (c, event) -> subscription.changed(event));
        live.put(id, subscription);
        return invoker.invoke(action, data).handle((initial, failure) -> {
            if (failure != null) {
                cancel(id);
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            JsonNode answer = json.valueToTree(initial);
            subscription.started(answer);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("subscription_id", id);
            result.put("query", action.definition().name());
            result.put("initial", answer);
            return result;
        });
    }

    /** Ends a subscription of this connection; not_found for an unknown id. */
    Map<String, Object> unsubscribe(JsonNode data) {
        JsonNode id = data.get("subscription_id");
        if (id == null || id.isNull()) {
            throw BeaconException.missing("subscription_id");
        }
        if (!id.isTextual() || data.size() != 1) {
            throw BeaconException.validation("unsubscribe takes exactly one string field: subscription_id");
        }
        if (!cancel(id.asText())) {
            throw BeaconException.notFound("no subscription " + id.asText() + " on this connection");
        }
        return Map.of("subscription_id", id.asText());
    }

    boolean cancel(String id) {
        Live subscription = live.remove(id);
        if (subscription == null) {
            return false;
        }
        subscription.cancelled = true;
        if (subscription.feed != null) {
            subscription.feed.cancel();
        }
        return true;
    }

    void cancelAll() {
        new ArrayList<>(live.keySet()).forEach(this::cancel);
    }

    int size() {
        return live.size();
    }

    /** Sends one {@code subscription_update}. */
    interface UpdateSender {
        void send(String subscriptionId, Object data, String offset);
    }

    /** Waits until the read model shows an event (or gives up after a while and lets the caller go on). */
    interface ReadModelWait {
        CompletionStage<Void> until(FeedEvent event);
    }

    /** Where replays are pushed; a live {@code list_projections} follows them. */
    private static final String SYSTEM_STATUS = "system_status";

    private final class Live {
        private final String id;
        private final ActionRegistry.Registered<?> action;
        private final ObjectNode data;
        private final Invoker invoker;
        private final UpdateSender push;
        private volatile FeedSubscription feed;
        private volatile boolean cancelled;
        /** Guarded by this: the last answer sent, the newest event not yet handled, and whether a run is on. */
        private JsonNode last;
        private FeedEvent pending;
        private boolean running;

        Live(String id, ActionRegistry.Registered<?> action, ObjectNode data, Invoker invoker, UpdateSender push) {
            this.id = id;
            this.action = action;
            this.data = data;
            this.invoker = invoker;
            this.push = push;
        }

        void started(JsonNode initial) {
            synchronized (this) {
                last = initial;
            }
            next();
        }

        void changed(FeedEvent event) {
            if (!relevant(event)) {
                return;
            }
            synchronized (this) {
                pending = event;
            }
            next();
        }

        /**
         * Company answers change with company events; contact and Apollo answers with both kinds; upload answers
         * with upload events (whose feed channel is the only one they read). A query naming one contact
         * ({@code contact_uuid}) changes with that contact's events, and one as of an instant only with events
         * up to it.
         */
        private boolean relevant(FeedEvent event) {
            String name = action.definition().name();
            if (name.contains("upload")) {
                return event.data().containsKey("upload_id");
            }
            if (name.contains("projection")) {
                // Projection answers change with replays, which system_status (their only channel) carries.
                return true;
            }
            if (!happenedBy(event)) {
                return false;
            }
            JsonNode contact = data.get("contact_uuid");
            if (contact != null && contact.isTextual()) {
                // A contact's history changes with its own events; its past state also shows its company's name.
                return contact.asText().trim().toLowerCase(Locale.ROOT).equals(event.data().get("contact_uuid"))
                        || (!name.endsWith("_history") && event.type().startsWith("company_"));
            }
            return event.type().startsWith("company_") || name.contains("contact") || name.contains("uuids");
        }

        /** An answer as of an instant ({@code as_of}) changes only with events up to it, compared at milliseconds as reads show times. */
        private boolean happenedBy(FeedEvent event) {
            JsonNode asOf = data.get("as_of");
            if (asOf == null || !asOf.isTextual()) {
                return true;
            }
            try {
                return !event.occurredAt().truncatedTo(ChronoUnit.MILLIS).isAfter(WireTime.parse("as_of", asOf.asText()));
            } catch (BeaconException e) {
                return true;
            }
        }

        private void next() {
            FeedEvent event;
            synchronized (this) {
                if (running || last == null || pending == null || cancelled) {
                    return;
                }
                event = pending;
                pending = null;
                running = true;
            }
            readModel.until(event)
                    .thenCompose(ignored -> invoker.invoke(action, data.deepCopy()))
                    .whenCompleteAsync((answer, failure) -> {
                        try {
                            if (failure == null && !cancelled) {
                                publish(event, json.valueToTree(answer));
                            }
                        } finally {
                            synchronized (this) {
                                running = false;
                            }
                            next();
                        }
                    }, workers);
        }

        private void publish(FeedEvent event, JsonNode answer) {
            JsonNode before;
            synchronized (this) {
                before = last;
                last = answer;
            }
            if (answer.equals(before)) {
                return;
            }
            String offset = String.valueOf(event.offset());
            JsonNode rows = answer.get("results");
            JsonNode oldRows = before.get("results");
            if (rows != null && rows.isArray() && oldRows != null && oldRows.isArray() && keyed(rows) && keyed(oldRows)) {
                rowChanges(oldRows, rows).forEach(change -> push.send(id, change, offset));
            } else {
                push.send(id, answer, offset);
            }
        }
    }

    private static boolean keyed(JsonNode rows) {
        for (JsonNode row : rows) {
            if (!row.isObject() || !row.hasNonNull("uuid")) {
                return false;
            }
        }
        return true;
    }

    /** Per row, by uuid: rows that entered, changed in, or left the answer, in the new answer's order. */
    static List<Map<String, Object>> rowChanges(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = new LinkedHashMap<>();
        before.forEach(row -> old.put(row.get("uuid").asText(), row));
        List<Map<String, Object>> changes = new ArrayList<>();
        Map<String, JsonNode> now = new LinkedHashMap<>();
        after.forEach(row -> now.put(row.get("uuid").asText(), row));
        now.forEach((uuid, row) -> {
            JsonNode previous = old.get(uuid);
            if (previous == null) {
                changes.add(change("entered", uuid, row));
            } else if (!previous.equals(row)) {
                changes.add(change("changed", uuid, row));
            }
        });
        old.forEach((uuid, row) -> {
            if (!now.containsKey(uuid)) {
                changes.add(change("left", uuid, null));
            }
        });
        return changes;
    }

    private static Map<String, Object> change(String kind, String uuid, JsonNode row) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("change", kind);
        change.put("uuid", uuid);
        change.put("row", row);
        return change;
    }

    static BeaconException notSubscribable(String query) {
        return new BeaconException(ErrorCode.VALIDATION_ERROR, "'" + query + "' is not a read action that can be subscribed to");
    }
}

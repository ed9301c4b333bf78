package io.beacon.gateway.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.auth.UserLookup;
import io.beacon.gateway.write.ReadYourWrites;
import io.beacon.gateway.write.WriteCommands;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import io.beacon.notification.command.MarkNotificationRead;
import io.beacon.notification.command.PublishNotification;
import io.beacon.notification.query.FindNotification;
import io.beacon.notification.query.ListNotifications;
import io.beacon.notification.query.NotificationPage;
import io.beacon.notification.query.NotificationView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.NotificationLevel;
import io.beacon.notification.value.UserId;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import static io.beacon.gateway.write.WriteRequests.integer;
import static io.beacon.gateway.write.WriteRequests.required;
import static io.beacon.gateway.write.WriteRequests.text;

/**
 * The notification actions of the companies endpoint. {@code publish_notification} is for admins only
 * and needs no write key: it changes no company data, and the key guards exactly that. Its answer, like
 * {@code mark_notification_read}'s, waits until the read model shows the change (read-your-writes).
 * {@code list_notifications} and {@code mark_notification_read} act for the calling user.
 */
@Component
class NotificationActions implements ActionFamily {

    private final WriteCommands commands;
    private final ReadYourWrites readYourWrites;
    private final QueryGateway queries;
    private final UserLookup users;

    NotificationActions(WriteCommands commands, ReadYourWrites readYourWrites, QueryGateway queries, UserLookup users) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.queries = queries;
        this.users = users;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("publish_notification", ObjectNode.class, ErrorCode.CREATE_ERROR, this::publish)
                        .accepting(Set.of("level", "message", "action_required", "user_uuid")),
                ActionDefinition.of("list_notifications", ObjectNode.class, ErrorCode.LIST_ERROR, this::list)
                        .accepting(Set.of("unread_only", "limit", "offset")),
                ActionDefinition.of("mark_notification_read", ObjectNode.class, ErrorCode.UPDATE_ERROR, this::markRead)
                        .accepting(Set.of("notification_uuid")));
    }

    private CompletionStage<Map<String, Object>> publish(ActionContext context, ObjectNode data) {
        context.requireAdmin();
        NotificationLevel level = NotificationLevel.of(required(data, "level"));
        String message = required(data, "message");
        boolean actionRequired = bool(data, "action_required");
        UserId recipient = data.hasNonNull("user_uuid") ? UserId.of(text(data, "user_uuid")) : null;
        if (recipient != null && users.findByUuid(recipient.value()).isEmpty()) {
            // A notification to nobody would be stored and never seen: refuse it.
            throw BeaconException.notFound("user " + recipient + " not found");
        }
        NotificationId id = NotificationId.random();
        PublishNotification command = new PublishNotification(id, level, message, actionRequired, recipient);
        // A broadcast is waited for as the publisher sees it (everyone sees it the same until read).
        UserId viewer = recipient != null ? recipient : UserId.of(context.user().uuid());
        return readYourWrites.send(new FindNotification(id, viewer), NotificationView.class, false,
                        () -> commands.<Object>dispatch(context, command).thenApply(created -> NotificationView.UNREAD_VERSION))
                .thenApply(view -> {
                    Map<String, Object> answer = wire(view.orElseThrow(
                            () -> new BeaconException(ErrorCode.INTERNAL_ERROR, "notification " + id + " not shown")));
                    answer.remove("read");
                    answer.put("user_uuid", recipient == null ? null : recipient.value());
                    return answer;
                });
    }

    private CompletionStage<Map<String, Object>> list(ActionContext context, ObjectNode data) {
        ListNotifications query = new ListNotifications(UserId.of(context.user().uuid()), bool(data, "unread_only"),
                integer(data, "offset", 0), integer(data, "limit", ListNotifications.DEFAULT_LIMIT));
        return queries.query(query, NotificationPage.class).thenApply(page -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("total", page.total());
            answer.put("unread", page.unread());
            answer.put("results", page.results().stream().map(NotificationActions::wire).toList());
            return answer;
        });
    }

    private CompletionStage<Map<String, Object>> markRead(ActionContext context, ObjectNode data) {
        NotificationId id = NotificationId.of(required(data, "notification_uuid"));
        UserId user = UserId.of(context.user().uuid());
        return readYourWrites.send(new FindNotification(id, user), NotificationView.class, false,
                        () -> commands.<Long>dispatch(context, new MarkNotificationRead(id, user)))
                .thenApply(view -> wire(view.orElseThrow(() -> BeaconException.notFound("notification " + id + " not found"))));
    }

    /** {@code {uuid, level, message, action_required, read, created_at, broadcast}}. */
    static Map<String, Object> wire(NotificationView view) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("uuid", view.uuid().value());
        wire.put("level", view.level().wire());
        wire.put("message", view.message());
        wire.put("action_required", view.actionRequired());
        wire.put("read", view.read());
        wire.put("created_at", view.createdAt().toString());
        wire.put("broadcast", view.broadcast());
        return wire;
    }

    private static boolean bool(ObjectNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw BeaconException.validation(field + " must be true or false");
        }
        return node.booleanValue();
    }
}

package io.beacon.gateway.write;

import io.beacon.gateway.ws.ActionContext;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the commands of write actions, each carrying who asked and on which request; events inherit
 * that metadata.
 */
@Component
public class WriteCommands {

    private final CommandGateway commands;

    WriteCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> CompletableFuture<R> dispatch(ActionContext context, Object command) {
        Map<String, Object> meta = new HashMap<>();
        meta.put("actor_uuid", context.user().uuid());
        meta.put("actor_email", context.user().email());
        if (context.requestId() != null) {
            meta.put("request_id", context.requestId());
        }
        return commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(meta)));
    }
}

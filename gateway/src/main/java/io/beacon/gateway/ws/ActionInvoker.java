package io.beacon.gateway.ws;

import java.util.concurrent.CompletionStage;

/**
 * The body of an action: turns a validated payload into the response's {@code data}.
 */
@FunctionalInterface
public interface ActionInvoker<P> {

    CompletionStage<?> invoke(ActionContext context, P payload) throws Exception;
}

package io.beacon.gateway.ws;

import io.beacon.common.ErrorCode;

import java.util.Set;

/**
 * One action: its name, the type its {@code data} converts to, the fields it accepts, and the
 * error code reported when it fails unexpectedly (e.g. {@code list_error}).
 *
 * @param acceptedFields the top-level {@code data} fields allowed; null means every property of
 *                       {@code payloadType}
 */
public record ActionDefinition<P>(String name, Class<P> payloadType, Set<String> acceptedFields,
                                  ErrorCode failureCode, ActionInvoker<P> invoker) {

    public static <P> ActionDefinition<P> of(String name, Class<P> payloadType, ErrorCode failureCode,
                                             ActionInvoker<P> invoker) {
        return new ActionDefinition<>(name, payloadType, null, failureCode, invoker);
    }

    /** The same action, accepting only the fields of these sets. */
    @SafeVarargs
    public final ActionDefinition<P> accepting(Set<String>... fieldSets) {
        Set<String> fields = new java.util.HashSet<>();
        for (Set<String> set : fieldSets) {
            fields.addAll(set);
        }
        return new ActionDefinition<>(name, payloadType, Set.copyOf(fields), failureCode, invoker);
    }
}

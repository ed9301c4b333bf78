package io.beacon.gateway.ws;

import java.util.List;

/**
 * A group of related actions served on one endpoint. Every Spring bean of this type is collected
 * by the {@link ActionRegistry}.
 */
public interface ActionFamily {

    Endpoint endpoint();

    List<ActionDefinition<?>> actions();

    /** Whether the actions only read, so that a client may {@code subscribe} to them as live queries. */
    default boolean readOnly() {
        return false;
    }
}

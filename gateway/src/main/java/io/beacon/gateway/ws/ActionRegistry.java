package io.beacon.gateway.ws;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every action of every endpoint, by name. Built once at start-up from the {@link ActionFamily}
 * beans; start-up fails if two actions of one endpoint share a name, or if an action's accepted
 * fields cannot be known.
 */
public final class ActionRegistry {

    private final Map<Endpoint, Map<String, Registered<?>>> byEndpoint = new EnumMap<>(Endpoint.class);

    public ActionRegistry(List<ActionFamily> families, ObjectMapper wireMapper) {
        for (Endpoint endpoint : Endpoint.values()) {
            byEndpoint.put(endpoint, new HashMap<>());
        }
        for (ActionFamily family : families) {
            for (ActionDefinition<?> definition : family.actions()) {
                Map<String, Registered<?>> actions = byEndpoint.get(family.endpoint());
                Registered<?> previous = actions.putIfAbsent(definition.name(),
                        new Registered<>(definition, acceptedFields(definition, wireMapper), family.readOnly()));
                if (previous != null) {
                    throw new IllegalStateException("action '" + definition.name() + "' on " + family.endpoint()
                            + " is claimed twice: by " + family.getClass().getName() + " and another family");
                }
            }
        }
    }

    public Optional<Registered<?>> find(Endpoint endpoint, String name) {
        return Optional.ofNullable(byEndpoint.get(endpoint).get(name));
    }

    private static Set<String> acceptedFields(ActionDefinition<?> definition, ObjectMapper mapper) {
        if (definition.acceptedFields() != null) {
            return definition.acceptedFields();
        }
        if (JsonNode.class.isAssignableFrom(definition.payloadType())) {
            throw new IllegalStateException("action '" + definition.name() + "' takes raw JSON and must name its fields");
        }
        BeanDescription description = mapper.getDeserializationConfig()
                .introspect(mapper.constructType(definition.payloadType()));
        return description.findProperties().stream()
                .map(BeanPropertyDefinition::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * An action with the set of top-level fields its {@code data} may carry, and whether it only reads
     * (and so may be subscribed to).
     */
    public record Registered<P>(ActionDefinition<P> definition, Set<String> acceptedFields, boolean readOnly) {
    }
}

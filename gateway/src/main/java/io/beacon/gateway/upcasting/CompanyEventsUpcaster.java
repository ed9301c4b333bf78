package io.beacon.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;
import java.util.Set;

/**
 * Brings company events stored without a revision (every store before revision 2) to revision 2,
 * the shape the event classes now have: the event's own properties named as the API names them
 * ({@code companyId} becomes {@code company_id}).
 *
 * <p>Only the top level is renamed: the values below it were API-named already ({@code fields}
 * by {@code CompanyFields}' own snake_case naming, {@code changes} keyed by API field name), and
 * {@code changes}' keys are data, not property names, so they must stay as they are. Names are
 * translated by Jackson's own snake_case strategy, the one the revision-2 classes are written with.
 *
 * <p>The target revision is fixed here, not read from the classes: should an event move on to
 * revision 3, this step still ends at 2 and the next upcaster takes it from there.
 */
public final class CompanyEventsUpcaster extends SingleEventUpcaster {

    private static final String REVISION = "2";

    private static final Set<String> TYPES = Set.of(
            CompanyCreated.class.getName(), CompanyUpdated.class.getName(), CompanyDeleted.class.getName());
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        SerializedType type = event.getType();
        return type.getRevision() == null && TYPES.contains(type.getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), REVISION), JsonNode.class,
                CompanyEventsUpcaster::snakeCaseProperties);
    }

    /** The same object with its own property names in snake_case, in their order; values untouched. */
    private static JsonNode snakeCaseProperties(JsonNode payload) {
        if (!payload.isObject()) {
            throw new IllegalArgumentException("a company event payload is a JSON object, not " + payload.getNodeType());
        }
        ObjectNode upcast = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> property : payload.properties()) {
            upcast.set(SNAKE_CASE.translate(property.getKey()), property.getValue());
        }
        return upcast;
    }
}

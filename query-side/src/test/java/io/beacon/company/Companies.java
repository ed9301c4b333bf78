package io.beacon.company;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.query.CompanyFilter;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.FieldChange;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test data: drives a projection through a company's life with explicit sequence numbers and
 * timestamps, and builds filters by component name.
 */
final class Companies {

    private final CompanyProjection projection;

    Companies(CompanyProjection projection) {
        this.projection = projection;
    }

    CompanyId create(long number, CompanyFields fields, Instant at) {
        CompanyId id = CompanyId.random();
        projection.on(new CompanyCreated(id, number, fields), 0, at);
        return id;
    }

    void update(CompanyId id, long sequence, Instant at, Object... namesAndNewValues) {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndNewValues.length; i += 2) {
            changes.put((String) namesAndNewValues[i], new FieldChange(null, namesAndNewValues[i + 1]));
        }
        projection.on(new CompanyUpdated(id, changes), sequence, at);
    }

    void delete(CompanyId id, long sequence, Instant at) {
        projection.on(new CompanyDeleted(id), sequence, at);
    }

    /** A filter with the named components set, e.g. {@code filter("name", "acme", "employeesMin", 10L)}. */
    static CompanyFilter filter(Object... namesAndValues) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            given.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        RecordComponent[] components = CompanyFilter.class.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = given.remove(components[i].getName());
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("CompanyFilter has no " + given.keySet());
        }
        try {
            Constructor<CompanyFilter> constructor = CompanyFilter.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

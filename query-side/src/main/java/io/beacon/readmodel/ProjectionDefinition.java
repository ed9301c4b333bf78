package io.beacon.readmodel;

import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoOperations;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A read model that can be rebuilt beside the live one: its processing group, the collections it owns
 * (by name, or by prefix for families such as {@code company_values_*}), how to make its event handlers
 * write through a given {@link MongoOperations} (a replay gives them one that writes the next
 * generation's collections, and an emitter that tells no subscriber), and its indexes.
 *
 * <p>The handlers are made in the order they must run in, the order their live beans run in.
 */
public record ProjectionDefinition(String name, Set<String> collections, Set<String> collectionPrefixes,
                                   BiFunction<MongoOperations, QueryUpdateEmitter, List<Object>> handlers,
                                   Consumer<MongoOperations> indexes) {

    public ProjectionDefinition {
        collections = Set.copyOf(collections);
        collectionPrefixes = Set.copyOf(collectionPrefixes);
    }

    /** True when {@code collection} (a logical name, as the code writes it) belongs to this read model. */
    public boolean owns(String collection) {
        if (collections.contains(collection)) {
            return true;
        }
        for (String prefix : collectionPrefixes) {
            if (collection.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

package io.beacon.gateway.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's index maps: H2's own {@link ObjectDataType} (same file format,
 * same key order), with the serialized form of a key computed once instead of on every comparison.
 *
 * <p>mongo-java-server keys its unique indexes (the {@code _id} index among them) by {@link KeyValue},
 * which is not {@link Comparable}, so H2 orders two of them by comparing their Java serializations,
 * and serializes both on every comparison of a B-tree search: some 30 serializations per index lookup,
 * a third of the process's CPU under a write load. The order must stay exactly that one, or the indexes
 * already in a data file could no longer be searched; so this keeps it and remembers each key's bytes.
 *
 * <p>The memo is a direct-mapped table by identity: keys are immutable, and those compared again and
 * again are the ones in the pages H2 keeps cached (the upper levels of each tree above all). A lookup
 * costs an array read; a collision only recomputes. It holds at most {@link #SLOTS} keys, each at most
 * {@link #MAX_MEMOIZED_BYTES} serialized: a key is kept alive by its slot, and a store whose index values
 * are long strings (keywords of 2,000 characters in the value-count collections) could otherwise pin
 * 65,536 keys of 4 KB each here, about 250 MB. Larger keys are serialized per comparison, as H2 does. (A weakly keyed Caffeine cache spent most of its
 * share of the CPU in its own bookkeeping: reference wrappers, buffers.)
 */
final class IndexKeyType extends ObjectDataType {

    private static final int SLOTS = 1 << 14;
    private static final int MAX_MEMOIZED_BYTES = 512;

    /**
     * Read and written without synchronization: an entry's fields are final, so a thread sees either
     * a whole entry or an older one, and the identity check rejects any entry of another key.
     */
    private final Serialized[] memo = new Serialized[SLOTS];

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second) {
            // What H2 does for two serialized objects that are not Comparable, with the bytes memoized.
            return first == second ? 0 : compareNotNull(bytes(first), bytes(second));
        }
        return super.compare(a, b);
    }

    private byte[] bytes(KeyValue key) {
        int slot = System.identityHashCode(key) & (SLOTS - 1);
        Serialized memoized = memo[slot];
        if (memoized != null && memoized.key() == key) {
            return memoized.bytes();
        }
        byte[] bytes = serialize(key);
        if (bytes.length <= MAX_MEMOIZED_BYTES) {
            memo[slot] = new Serialized(key, bytes);
        }
        return bytes;
    }

    private record Serialized(KeyValue key, byte[] bytes) {
    }
}

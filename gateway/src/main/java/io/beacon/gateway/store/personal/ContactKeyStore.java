package io.beacon.gateway.store.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.contact.command.PersonalDataKeys;
import io.beacon.contact.value.ContactId;
import org.bson.Document;
import org.bson.types.Binary;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;

/**
 * The per-contact keys of personal data, in their own collection {@code contact_keys}: {@code {_id:
 * <contact uuid>, key: <32 random bytes>, created_at}} while the key lives, {@code {_id, erased_at}} once
 * it was destroyed. The tombstone stays, so "erased" is told apart from "never had a key" (a contact
 * whose events were all stored in clear, before encryption existed).
 *
 * <p>A key is created by the first event that has a personal value to encrypt, insert-if-absent (two
 * nodes racing both end up with the one that was inserted), and is written before that event is
 * appended: with majority, journaled write concern on MongoDB; on the embedded store every file commit is
 * a consistent cut, so a commit holding the event holds the key. Destroying writes the tombstone the same
 * way and, on the embedded store, commits the file before returning.
 *
 * <p>Keys are cached (Caffeine) for {@code ttl}, at most {@code maxKeys}: a replay would otherwise read one
 * key per contact event. The node that destroys a key forgets it at once; another node may still decrypt
 * with its cached copy for up to {@code ttl} after an erasure (see the README). Destroyed keys are cached
 * longer (an erasure is final). "No key" is never trusted from the cache for an encrypted event: it is
 * read again, since another node may have just created the key. Key material is never logged nor put in
 * an exception message.
 */
public final class ContactKeyStore implements PersonalDataKeys {

    public static final String COLLECTION = "contact_keys";

    private static final String ID = "_id";
    private static final String KEY = "key";
    private static final String CREATED_AT = "created_at";
    private static final String ERASED_AT = "erased_at";
    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "AES";
    /** How long a destroyed key's tombstone is cached: it never comes back, so only memory bounds it. */
    private static final Duration ERASED_TTL = Duration.ofHours(1);

    private final MongoCollection<Document> keys;
    private final Runnable flush;
    private final SecureRandom random;
    private final Cache<String, KeyState> cache;

    /**
     * @param majorityWrites whether to write keys and tombstones with majority, journaled write concern
     *                       (real MongoDB; the embedded store has no replicas)
     * @param flush          makes the writes so far durable (the embedded store's file commit)
     */
    public ContactKeyStore(MongoDatabase database, boolean majorityWrites, Runnable flush, SecureRandom random,
                           Duration ttl, long maxKeys) {
        MongoCollection<Document> collection = database.getCollection(COLLECTION);
        this.keys = majorityWrites ? collection.withWriteConcern(WriteConcern.MAJORITY.withJournal(true)) : collection;
        this.flush = flush;
        this.random = random;
        long liveNanos = ttl.toNanos();
        long erasedNanos = Math.max(liveNanos, ERASED_TTL.toNanos());
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfter(Expiry.<String, KeyState>writing((id, state) ->
                        Duration.ofNanos(state.erased() ? erasedNanos : liveNanos)))
                .build();
    }

    /**
     * The key to encrypt a new event's personal values of {@code contactId}, created when the contact has
     * none yet. A contact whose key was destroyed has none to give: {@code validation_error} (the aggregate
     * refuses such updates first; this covers an update racing the erasure on another node).
     */
    SecretKey keyForWriting(String contactId) {
        KeyState state = cache.get(contactId, this::read);
        if (state.key() != null) {
            return state.key();
        }
        if (!state.erased()) {
            state = create(contactId);
            cache.put(contactId, state);
        }
        if (state.erased()) {
            throw erased(contactId);
        }
        return state.key();
    }

    /**
     * The contact's key as a reader needs it. {@code encrypted}: the event holds ciphertext, so a key
     * existed when it was written; a cached "no key" is then stale and the store is asked again.
     */
    KeyState keyForReading(String contactId, boolean encrypted) {
        KeyState state = cache.get(contactId, this::read);
        if (encrypted && state.key() == null && !state.erased()) {
            state = read(contactId);
            cache.put(contactId, state);
        }
        return state;
    }

    @Override
    public void destroy(ContactId contactId) {
        String id = contactId.value();
        Document tombstone = new Document(ID, id).append(ERASED_AT, new Date());
        try {
            keys.replaceOne(Filters.eq(ID, id), tombstone, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Two upserts raced and the other inserted first: now there is a document to replace.
            keys.replaceOne(Filters.eq(ID, id), tombstone);
        }
        flush.run();
        // After the write: a load that read the live key before it is overwritten here, not kept.
        cache.put(id, KeyState.ERASED);
    }

    private KeyState create(String contactId) {
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        try {
            keys.insertOne(new Document(ID, contactId).append(KEY, new Binary(material)).append(CREATED_AT, new Date()));
            return KeyState.live(new SecretKeySpec(material, ALGORITHM));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another writer created it (or it was destroyed) meanwhile: theirs is the key.
            return read(contactId);
        }
    }

    private KeyState read(String contactId) {
        Document document = keys.find(Filters.eq(ID, contactId)).first();
        if (document == null) {
            return KeyState.NONE;
        }
        Binary material = document.get(KEY, Binary.class);
        if (material == null) {
            return KeyState.ERASED;
        }
        return KeyState.live(new SecretKeySpec(material.getData(), ALGORITHM));
    }

    private static BeaconException erased(String contactId) {
        return new BeaconException(ErrorCode.VALIDATION_ERROR,
                "the personal data of contact " + contactId + " was erased and cannot be set again");
    }

    /** A contact's key: live (with the key), destroyed, or never created. Its text never shows the key. */
    static final class KeyState {
        static final KeyState NONE = new KeyState(null, false);
        static final KeyState ERASED = new KeyState(null, true);

        private final SecretKey key;
        private final boolean erased;

        private KeyState(SecretKey key, boolean erased) {
            this.key = key;
            this.erased = erased;
        }

        static KeyState live(SecretKey key) {
            return new KeyState(key, false);
        }

        /** The key, or null when destroyed or never created. */
        SecretKey key() {
            return key;
        }

        boolean erased() {
            return erased;
        }

        @Override
        public String toString() {
            return erased ? "erased" : key == null ? "none" : "live";
        }
    }
}

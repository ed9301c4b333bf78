package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.store.MongoStore;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code users} collection: plain documents ({@code _id} = uuid, {@code email} lower-cased and
 * unique, {@code name}, {@code role}, {@code password_hash}, {@code created_at}), not event-sourced.
 */
@Component
public class UserStore implements UserLookup {

    static final String COLLECTION = "users";
    private static final String ID = "_id";
    private static final String EMAIL = "email";
    private static final String NAME = "name";
    private static final String ROLE = "role";
    private static final String PASSWORD_HASH = "password_hash";
    private static final String CREATED_AT = "created_at";

    private final MongoOperations mongo;
    private final Runnable flush;

    /**
     * @param flush makes completed writes crash-proof; runs after every insert, before the caller
     *              can acknowledge it (the embedded store commits its file lazily otherwise)
     */
    public UserStore(MongoOperations mongo, Runnable flush) {
        this.mongo = mongo;
        this.flush = flush;
    }

    @Autowired
    public UserStore(MongoOperations mongo, ObjectProvider<MongoStore> store) {
        this(mongo, () -> store.ifAvailable(MongoStore::flush));
    }

    /** The unique email index is what makes concurrent registrations of one email safe. */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index(EMAIL, Sort.Direction.ASC).unique().named("email_unique"));
    }

    @Override
    public Optional<AuthenticatedUser> findByUuid(String uuid) {
        return findAccountByUuid(uuid).map(UserAccount::toUser);
    }

    public Optional<UserAccount> findAccountByUuid(String uuid) {
        if (uuid == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(uuid, Document.class, COLLECTION)).map(UserStore::toAccount);
    }

    public Optional<UserAccount> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        Query query = Query.query(Criteria.where(EMAIL).is(email.toLowerCase(Locale.ROOT)));
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION)).map(UserStore::toAccount);
    }

    /**
     * Inserts a new user.
     *
     * @throws BeaconException {@link ErrorCode#CONFLICT} if the email is taken
     */
    public void insert(UserAccount account) {
        Document document = new Document(ID, account.uuid())
                .append(EMAIL, account.email().toLowerCase(Locale.ROOT))
                .append(NAME, account.name())
                .append(ROLE, account.role())
                .append(PASSWORD_HASH, account.passwordHash())
                .append(CREATED_AT, Date.from(account.createdAt() == null ? Instant.now() : account.createdAt()));
        try {
            mongo.insert(document, COLLECTION);
        } catch (DuplicateKeyException e) {
            throw new BeaconException(ErrorCode.CONFLICT, "a user with this email already exists");
        }
        flush.run();
    }

    private static UserAccount toAccount(Document document) {
        Date createdAt = document.getDate(CREATED_AT);
        return new UserAccount(
                String.valueOf(document.get(ID)),
                document.getString(EMAIL),
                document.getString(NAME),
                document.getString(ROLE),
                document.getString(PASSWORD_HASH),
                createdAt == null ? null : createdAt.toInstant());
    }
}

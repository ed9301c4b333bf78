package io.beacon.readmodel;

import com.mongodb.ClientSessionOptions;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;

/**
 * A {@link MongoDatabaseFactory} whose databases open collections under another name: read models are
 * written and read by their logical names ({@code companies}), and this maps them to the physical
 * collection of a generation ({@code companies__g2}). A MongoTemplate on it works unchanged, indexes
 * included, since every collection a template touches is opened through
 * {@link MongoDatabase#getCollection}.
 *
 * <p>What is not mapped: collection names inside aggregation stages ({@code $lookup}, {@code $out});
 * read models do not use them.
 */
public final class RoutedDatabaseFactory implements MongoDatabaseFactory {

    private final MongoDatabaseFactory delegate;
    private final UnaryOperator<String> route;

    public RoutedDatabaseFactory(MongoDatabaseFactory delegate, UnaryOperator<String> route) {
        this.delegate = delegate;
        this.route = route;
    }

    @Override
    public MongoDatabase getMongoDatabase() throws DataAccessException {
        return routed(delegate.getMongoDatabase(), route);
    }

    @Override
    public MongoDatabase getMongoDatabase(String dbName) throws DataAccessException {
        return routed(delegate.getMongoDatabase(dbName), route);
    }

    @Override
    public PersistenceExceptionTranslator getExceptionTranslator() {
        return delegate.getExceptionTranslator();
    }

    @Override
    public ClientSession getSession(ClientSessionOptions options) {
        return delegate.getSession(options);
    }

    @Override
    public MongoDatabaseFactory withSession(ClientSession session) {
        return new RoutedDatabaseFactory(delegate.withSession(session), route);
    }

    @Override
    public boolean isTransactionActive() {
        return delegate.isTransactionActive();
    }

    /** {@code database}, with every collection name passed through {@code route}. */
    static MongoDatabase routed(MongoDatabase database, UnaryOperator<String> route) {
        return (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(),
                new Class<?>[]{MongoDatabase.class}, (proxy, method, args) -> {
                    Object[] routedArgs = args;
                    if (takesCollectionName(method)) {
                        routedArgs = args.clone();
                        routedArgs[0] = route.apply((String) args[0]);
                    }
                    Object result;
                    try {
                        result = method.invoke(database, routedArgs);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    // withCodecRegistry, withWriteConcern, …: the derived database routes too.
                    return result instanceof MongoDatabase derived && method.getName().startsWith("with")
                            ? routed(derived, route) : result;
                });
    }

    private static boolean takesCollectionName(Method method) {
        String name = method.getName();
        return (name.equals("getCollection") || name.equals("createCollection"))
                && method.getParameterCount() >= 1 && method.getParameterTypes()[0] == String.class;
    }
}

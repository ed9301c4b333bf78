package io.beacon.gateway.ws;

import org.axonframework.queryhandling.QueryGateway;

/**
 * A family of read actions on the companies endpoint, answered by the query side through
 * {@link #queries}.
 */
public abstract class QueryActionFamily implements ActionFamily {

    protected final QueryGateway queries;

    protected QueryActionFamily(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public final Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    @Override
    public final boolean readOnly() {
        return true;
    }
}

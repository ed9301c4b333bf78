package io.beacon.gateway.ws;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.auth.AuthenticatedUser;

/**
 * What an action knows about the request beyond its payload: the connection (and so the user),
 * the request id, and the write key the request carried, if any.
 */
public record ActionContext(Connection connection, String action, String requestId, String writeKey) {

    public AuthenticatedUser user() {
        return connection.user();
    }

    /** Fails with {@code forbidden} unless the user is an admin. */
    public void requireAdmin() {
        if (!user().isAdmin()) {
            throw new BeaconException(ErrorCode.FORBIDDEN, action + " requires the admin role");
        }
    }
}

package io.beacon.gateway.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified access token: who it is for and when it stops being valid. Long-lived connections keep
 * the grant and compare {@link #expiresAt()} with the clock, since the token is checked only once.
 */
public record AccessGrant(AuthenticatedUser user, Instant expiresAt) {

    public AccessGrant {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}

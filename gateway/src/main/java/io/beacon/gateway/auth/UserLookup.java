package io.beacon.gateway.auth;

import java.util.Optional;

/**
 * Where {@link TokenService} checks that a token's user still exists. An interface so the token
 * code can be built and tested without Spring or MongoDB.
 */
@FunctionalInterface
public interface UserLookup {

    Optional<AuthenticatedUser> findByUuid(String uuid);
}

package io.beacon.gateway.auth;

import java.util.Objects;

/**
 * The user a request or a connection acts for, as read from the {@code users} collection when its
 * token was verified (so a role change or a deletion takes effect at the next verification).
 *
 * @param uuid  the user's id, also the {@code sub} of its tokens
 * @param email lower-cased email
 * @param name  display name
 * @param role  {@link #ADMIN} or {@link #USER}
 */
public record AuthenticatedUser(String uuid, String email, String name, String role) {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public AuthenticatedUser {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        if (!ADMIN.equals(role) && !USER.equals(role)) {
            throw new IllegalArgumentException("role must be admin or user, not " + role);
        }
        name = name == null ? "" : name;
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}

package io.beacon.gateway.auth;

import java.time.Instant;
import java.util.Objects;

/** A document of the {@code users} collection. The password hash never leaves the auth package's logic. */
public record UserAccount(String uuid, String email, String name, String role, String passwordHash,
                          Instant createdAt) {

    public UserAccount {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public AuthenticatedUser toUser() {
        return new AuthenticatedUser(uuid, email, name, role);
    }

    @Override
    public String toString() {
        return "UserAccount[uuid=" + uuid + ", email=" + email + ", name=" + name + ", role=" + role
                + ", createdAt=" + createdAt + "]";
    }
}

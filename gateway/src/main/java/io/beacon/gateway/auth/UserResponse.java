package io.beacon.gateway.auth;

/** A user as the API shows it: {@code {"uuid","email","name","role"}}. */
public record UserResponse(String uuid, String email, String name, String role) {

    public static UserResponse of(AuthenticatedUser user) {
        return new UserResponse(user.uuid(), user.email(), user.name(), user.role());
    }
}

package io.beacon.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of register, login and refresh. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("user") UserResponse user) {

    public static TokenResponse of(TokenPair tokens, AuthenticatedUser user) {
        return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), "bearer",
                tokens.expiresInSeconds(), UserResponse.of(user));
    }
}

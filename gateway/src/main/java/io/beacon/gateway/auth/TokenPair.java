package io.beacon.gateway.auth;

import java.time.Duration;

/** A freshly signed access token and the refresh token that renews it. */
public record TokenPair(String accessToken, String refreshToken, Duration accessTokenTtl) {

    public long expiresInSeconds() {
        return accessTokenTtl.toSeconds();
    }
}

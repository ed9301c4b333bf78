package io.beacon.gateway.auth;

/** Reads {@code Authorization: Bearer <token>}. */
final class BearerTokens {

    private static final String SCHEME = "bearer ";

    private BearerTokens() {
    }

    /** The token of a Bearer header, or null when the header is absent, of another scheme or empty. */
    static String fromHeader(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }
}

package io.beacon.gateway.auth;

/** The {@code typ} claim: keeps a refresh token from passing as an access token and back. */
enum TokenType {
    ACCESS("access"),
    REFRESH("refresh");

    private final String claim;

    TokenType(String claim) {
        this.claim = claim;
    }

    String claim() {
        return claim;
    }
}

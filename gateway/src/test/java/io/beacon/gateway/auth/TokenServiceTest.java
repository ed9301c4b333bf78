package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    private static final Duration REFRESH_TTL = Duration.ofDays(7);
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private final AuthenticatedUser alice = new AuthenticatedUser("u-1", "alice@example.com", "Alice", "admin");
    private final Map<String, AuthenticatedUser> users = new HashMap<>(Map.of(alice.uuid(), alice));
    private final MutableClock clock = new MutableClock(START);
    private final TokenService tokens = service(SECRET, clock);

    private TokenService service(byte[] secret, java.time.Clock clock) {
        return new TokenService(secret, ACCESS_TTL, REFRESH_TTL, uuid -> Optional.ofNullable(users.get(uuid)), clock);
    }

    @Test
    void accessTokenRoundTripsToItsUser() {
        TokenPair pair = tokens.issue(alice);

        AccessGrant grant = tokens.verifyAccess(pair.accessToken());

        assertThat(grant.user()).isEqualTo(alice);
        assertThat(grant.user().isAdmin()).isTrue();
        assertThat(grant.expiresAt()).isEqualTo(START.plus(ACCESS_TTL));
        assertThat(pair.expiresInSeconds()).isEqualTo(900);
    }

    @Test
    void tokensCarryTheAgreedClaims() {
        TokenPair pair = tokens.issue(alice);

        var claims = Jwts.parser().verifyWith(Keys.hmacShaKeyFor(SECRET)).clock(() -> Date.from(START)).build()
                .parseSignedClaims(pair.accessToken());

        assertThat(claims.getHeader().getAlgorithm()).isEqualTo("HS256");
        assertThat(claims.getPayload().getSubject()).isEqualTo("u-1");
        assertThat(claims.getPayload()).containsEntry("email", "alice@example.com").containsEntry("role", "admin")
                .containsEntry("typ", "access").containsKeys("iat", "nbf", "exp", "jti");
        assertThat(tokens.verifyRefresh(pair.refreshToken()).expiresAt()).isEqualTo(START.plus(REFRESH_TTL));
    }

    @Test
    void verificationReadsTheUserAsStoredNow() {
        String token = tokens.issue(alice).accessToken();
        users.put(alice.uuid(), new AuthenticatedUser("u-1", "alice@example.com", "Alice B.", "user"));

        AccessGrant grant = tokens.verifyAccess(token);

        assertThat(grant.user().name()).isEqualTo("Alice B.");
        assertThat(grant.user().isAdmin()).isFalse();
    }

    @Test
    void expiredTokenIsRejectedAsExpired() {
        String token = tokens.issue(alice).accessToken();
        clock.advance(ACCESS_TTL.plusSeconds(1));

        assertThatThrownBy(() -> tokens.verifyAccess(token))
                .isInstanceOfSatisfying(BeaconException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED));
    }

    @Test
    void tokenIsValidUntilTheSecondBeforeExpiry() {
        String token = tokens.issue(alice).accessToken();
        clock.advance(ACCESS_TTL.minusSeconds(1));

        assertThat(tokens.verifyAccess(token).user()).isEqualTo(alice);
    }

    @Test
    void notYetValidTokenIsRejected() {
        TokenService future = service(SECRET, new MutableClock(START.plus(Duration.ofHours(1))));
        String token = future.issue(alice).accessToken();

        assertUnauthorized(token);
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = tokens.issue(alice).accessToken();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"role\":\"admin\"", "\"role\":\"user\"");
        String forged = parts[0] + "." + b64(payload) + "." + parts[2];

        assertUnauthorized(forged);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        TokenService other = service("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), clock);

        assertUnauthorized(other.issue(alice).accessToken());
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        String payload = "{\"sub\":\"u-1\",\"email\":\"alice@example.com\",\"role\":\"admin\",\"typ\":\"access\","
                + "\"iat\":" + START.getEpochSecond() + ",\"nbf\":" + START.getEpochSecond()
                + ",\"exp\":" + START.plus(ACCESS_TTL).getEpochSecond() + ",\"jti\":\"x\"}";
        String unsigned = b64("{\"alg\":\"none\"}") + "." + b64(payload) + ".";

        assertUnauthorized(unsigned);
    }

    @Test
    void tokenSignedWithAnotherHmacAlgorithmIsRejected() {
        byte[] longSecret = new byte[64];
        TokenService tokens = service(longSecret, clock);
        String hs512 = Jwts.builder().subject("u-1").claim("typ", "access")
                .issuedAt(Date.from(START)).notBefore(Date.from(START)).expiration(Date.from(START.plus(ACCESS_TTL)))
                .signWith(Keys.hmacShaKeyFor(longSecret), Jwts.SIG.HS512).compact();

        assertThatThrownBy(() -> tokens.verifyAccess(hs512)).isInstanceOf(BeaconException.class);
        assertThat(tokens.verifyAccess(tokens.issue(alice).accessToken()).user()).isEqualTo(alice);
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        TokenPair pair = tokens.issue(alice);

        assertUnauthorized(pair.refreshToken());
        assertThatThrownBy(() -> tokens.verifyRefresh(pair.accessToken()))
                .isInstanceOfSatisfying(BeaconException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void tokenOfDeletedUserIsRejected() {
        String token = tokens.issue(alice).accessToken();
        users.remove(alice.uuid());

        assertUnauthorized(token);
    }

    @Test
    void garbageAndMissingTokensAreRejected() {
        assertUnauthorized("not.a.jwt");
        assertUnauthorized("");
        assertUnauthorized(null);
    }

    @Test
    void secretShorterThan32BytesIsRefused() {
        byte[] shortSecret = "only-31-bytes-long-secret-12345".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> service(shortSecret, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void eachIssueHasItsOwnTokenId() {
        assertThat(tokens.issue(alice).accessToken()).isNotEqualTo(tokens.issue(alice).accessToken());
    }

    private void assertUnauthorized(String token) {
        assertThatThrownBy(() -> tokens.verifyAccess(token))
                .isInstanceOfSatisfying(BeaconException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

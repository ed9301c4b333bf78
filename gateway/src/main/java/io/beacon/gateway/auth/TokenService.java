package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues and verifies Beacon's JWTs: HS256, {@code sub} = user uuid, claims {@code email},
 * {@code role}, {@code typ} ("access" | "refresh"), {@code iat}, {@code nbf}, {@code exp},
 * {@code jti}.
 *
 * <p>Verification rejects a bad signature, an unsigned ({@code alg: none}) or differently signed
 * token, an expired or not-yet-valid one, the wrong {@code typ}, and a token whose user is no longer
 * in the user store. Failures are {@link BeaconException}s: {@link ErrorCode#TOKEN_EXPIRED} for an
 * expired token, {@link ErrorCode#UNAUTHORIZED} for everything else.
 *
 * <p>Plain Java: build it with a {@link UserLookup} and a {@link Clock} in tests; Spring builds
 * it in {@link AuthConfiguration}.
 */
public final class TokenService {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    static final String TYPE_CLAIM = "typ";
    static final String EMAIL_CLAIM = "email";
    static final String ROLE_CLAIM = "role";
    private static final String ALGORITHM = "HS256";

    private final SecretKey key;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenTtl;
    private final UserLookup users;
    private final Clock clock;
    private final JwtParser parser;

    public TokenService(byte[] secret, Duration accessTokenTtl, Duration refreshTokenTtl,
                        UserLookup users, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes, it has " + secret.length);
        }
        this.accessTokenTtl = requirePositive(accessTokenTtl, "accessTokenTtl");
        this.refreshTokenTtl = requirePositive(refreshTokenTtl, "refreshTokenTtl");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.key = Keys.hmacShaKeyFor(secret.clone());
        this.parser = Jwts.parser()
                .verifyWith(key)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    public TokenService(byte[] secret, Duration accessTokenTtl, Duration refreshTokenTtl, UserLookup users) {
        this(secret, accessTokenTtl, refreshTokenTtl, users, Clock.systemUTC());
    }

    /** Signs a new access token and a new refresh token for {@code user}. */
    public TokenPair issue(AuthenticatedUser user) {
        // JWT times have whole seconds; truncating keeps nbf <= now when verified at once.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new TokenPair(sign(user, TokenType.ACCESS, now, accessTokenTtl),
                sign(user, TokenType.REFRESH, now, refreshTokenTtl),
                accessTokenTtl);
    }

    /** Verifies an access token; throws {@link BeaconException} when it must be refused. */
    public AccessGrant verifyAccess(String token) {
        return verify(token, TokenType.ACCESS);
    }

    /**
     * Verifies a refresh token; the grant's {@code expiresAt} is the refresh token's expiry and its
     * user is the current state of the user store.
     */
    public AccessGrant verifyRefresh(String token) {
        return verify(token, TokenType.REFRESH);
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    private String sign(AuthenticatedUser user, TokenType type, Instant now, Duration ttl) {
        return Jwts.builder()
                .subject(user.uuid())
                .claim(EMAIL_CLAIM, user.email())
                .claim(ROLE_CLAIM, user.role())
                .claim(TYPE_CLAIM, type.claim())
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .id(UUID.randomUUID().toString())
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    private AccessGrant verify(String token, TokenType expected) {
        String kind = expected.claim() + " token";
        if (token == null || token.isBlank()) {
            throw unauthorized("missing " + kind);
        }
        Jws<Claims> jws;
        try {
            // parseSignedClaims refuses unsigned tokens, so alg "none" never gets this far.
            jws = parser.parseSignedClaims(token.strip());
        } catch (ExpiredJwtException e) {
            throw new BeaconException(ErrorCode.TOKEN_EXPIRED, kind + " expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw unauthorized("invalid " + kind);
        }
        // Only what we issue is accepted, even if the key is long enough for HS384/HS512.
        if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
            throw unauthorized("invalid " + kind);
        }
        Claims claims = jws.getPayload();
        if (!expected.claim().equals(claims.get(TYPE_CLAIM))) {
            throw unauthorized(expected == TokenType.ACCESS ? "not an access token" : "not a refresh token");
        }
        String subject = claims.getSubject();
        Date expiration = claims.getExpiration();
        if (subject == null || subject.isBlank() || expiration == null) {
            throw unauthorized("invalid " + kind);
        }
        AuthenticatedUser user = users.findByUuid(subject)
                .orElseThrow(() -> unauthorized("the user of this token no longer exists"));
        return new AccessGrant(user, expiration.toInstant());
    }

    private static BeaconException unauthorized(String message) {
        return new BeaconException(ErrorCode.UNAUTHORIZED, message);
    }

    private static Duration requirePositive(Duration ttl, String name) {
        Objects.requireNonNull(ttl, name);
        if (ttl.isNegative() || ttl.isZero() || ttl.toSeconds() < 1) {
            throw new IllegalArgumentException(name + " must be at least one second, it is " + ttl);
        }
        return ttl;
    }
}

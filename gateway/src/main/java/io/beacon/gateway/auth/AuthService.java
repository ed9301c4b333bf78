package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Registration, login and refresh; the HTTP side is {@link AuthController}. */
@Service
class AuthService {

    static final String BAD_CREDENTIALS = "invalid email or password";

    private final UserStore users;
    private final TokenService tokens;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    /** Checked against when the email is unknown, so both failures take one BCrypt's time. */
    private final String decoyHash;

    AuthService(UserStore users, TokenService tokens, PasswordEncoder passwords, LoginThrottle throttle) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.decoyHash = passwords.encode(SecretFiles.randomToken(16));
    }

    TokenResponse register(String rawEmail, String rawPassword, String rawName) {
        String email = AccountRules.email(rawEmail);
        String password = AccountRules.password(rawPassword);
        String name = AccountRules.name(rawName);
        if (users.findByEmail(email).isPresent()) {
            throw new BeaconException(ErrorCode.CONFLICT, "a user with this email already exists");
        }
        UserAccount account = new UserAccount(UUID.randomUUID().toString(), email, name, AuthenticatedUser.USER,
                passwords.encode(password), Instant.now());
        // The unique index still answers conflict if a concurrent registration won the race.
        users.insert(account);
        return respond(account.toUser());
    }

    TokenResponse login(String rawEmail, String password) {
        String email = rawEmail == null ? "" : rawEmail.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw BeaconException.validation("email is required");
        }
        if (password == null || password.isEmpty()) {
            throw BeaconException.validation("password is required");
        }
        AtomicReference<UserAccount> authenticated = new AtomicReference<>();
        boolean succeeded = throttle.attempt(email, () -> {
            Optional<UserAccount> account = users.findByEmail(email);
            boolean matches = passwords.matches(password, account.map(UserAccount::passwordHash).orElse(decoyHash));
            if (matches && account.isPresent()) {
                authenticated.set(account.get());
                return true;
            }
            return false;
        });
        if (!succeeded) {
            throw new BeaconException(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        return respond(authenticated.get().toUser());
    }

    TokenResponse refresh(String refreshToken) {
        return respond(tokens.verifyRefresh(refreshToken).user());
    }

    private TokenResponse respond(AuthenticatedUser user) {
        return TokenResponse.of(tokens.issue(user), user);
    }
}

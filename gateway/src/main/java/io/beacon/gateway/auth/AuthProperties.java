package io.beacon.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code beacon.auth.*}. Empty values mean "not configured": no JWT secret means one is generated in
 * the data directory, no admin email or password means no admin is created.
 */
@ConfigurationProperties(prefix = "beacon.auth")
public record AuthProperties(
        String jwtSecret,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        String adminEmail,
        String adminPassword,
        Integer loginFailuresAllowed,
        Duration loginFailureWindow) {

    public AuthProperties {
        jwtSecret = jwtSecret == null ? "" : jwtSecret;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(7) : refreshTokenTtl;
        adminEmail = adminEmail == null ? "" : adminEmail.strip();
        adminPassword = adminPassword == null ? "" : adminPassword;
        loginFailuresAllowed = loginFailuresAllowed == null ? 5 : loginFailuresAllowed;
        loginFailureWindow = loginFailureWindow == null ? Duration.ofMinutes(1) : loginFailureWindow;
        if (loginFailuresAllowed < 1) {
            throw new IllegalArgumentException("beacon.auth.login-failures-allowed must be at least 1");
        }
        if (loginFailureWindow.isNegative() || loginFailureWindow.isZero()) {
            throw new IllegalArgumentException("beacon.auth.login-failure-window must be positive");
        }
    }

    /** Keeps the secrets out of any dump of the configuration. */
    @Override
    public String toString() {
        return "AuthProperties[jwtSecret=" + (jwtSecret.isEmpty() ? "<generated>" : "****")
                + ", accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl=" + refreshTokenTtl
                + ", adminEmail=" + adminEmail + ", adminPassword=" + (adminPassword.isEmpty() ? "" : "****")
                + ", loginFailuresAllowed=" + loginFailuresAllowed + ", loginFailureWindow=" + loginFailureWindow + "]";
    }
}

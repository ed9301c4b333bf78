package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a registration must satisfy; shared by the REST endpoint and the admin bootstrap. */
final class AccountRules {

    static final int MIN_PASSWORD_CHARS = 8;
    /** BCrypt reads at most 72 bytes; Spring Security refuses to hash more rather than truncate. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_EMAIL_CHARS = 254;
    static final int MAX_NAME_CHARS = 200;

    // Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is not checked here.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private AccountRules() {
    }

    /** The email as stored: trimmed and lower-cased. */
    static String email(String raw) {
        String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw BeaconException.validation("email is required");
        }
        if (email.length() > MAX_EMAIL_CHARS || !EMAIL.matcher(email).matches()) {
            throw BeaconException.validation("email is not a valid email address");
        }
        return email;
    }

    static String password(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw BeaconException.validation("password is required");
        }
        if (raw.codePointCount(0, raw.length()) < MIN_PASSWORD_CHARS) {
            throw BeaconException.validation("password must be at least " + MIN_PASSWORD_CHARS + " characters");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw BeaconException.validation("password must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
        return raw;
    }

    static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw BeaconException.validation("name is required");
        }
        if (name.length() > MAX_NAME_CHARS) {
            throw BeaconException.validation("name must be at most " + MAX_NAME_CHARS + " characters");
        }
        return name;
    }
}

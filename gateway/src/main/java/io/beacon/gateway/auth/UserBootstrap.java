package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Prepares the users collection before the web server takes traffic (singletons are initialised
 * before the server starts): the unique email index, then the configured admin if it is absent. An
 * existing user with the admin email is left as it is.
 */
@Component
class UserBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UserBootstrap.class);

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;

    UserBootstrap(UserStore users, PasswordEncoder passwords, AuthProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        users.ensureIndexes();
        createAdminIfAbsent();
    }

    void createAdminIfAbsent() {
        String rawEmail = properties.adminEmail();
        String password = properties.adminPassword();
        if (rawEmail.isEmpty() && password.isEmpty()) {
            return;
        }
        if (rawEmail.isEmpty() || password.isEmpty()) {
            log.warn("No admin user created: BEACON_ADMIN_EMAIL and BEACON_ADMIN_PASSWORD must both be set");
            return;
        }
        String email;
        try {
            email = AccountRules.email(rawEmail);
        } catch (BeaconException e) {
            throw new IllegalStateException("BEACON_ADMIN_EMAIL (beacon.auth.admin-email): " + e.getMessage());
        }
        if (users.findByEmail(email).isPresent()) {
            log.debug("Admin user {} already exists", email);
            return;
        }
        try {
            AccountRules.password(password);
        } catch (BeaconException e) {
            throw new IllegalStateException("BEACON_ADMIN_PASSWORD (beacon.auth.admin-password): " + e.getMessage());
        }
        try {
            users.insert(new UserAccount(UUID.randomUUID().toString(), email, "Administrator", AuthenticatedUser.ADMIN,
                    passwords.encode(password), Instant.now()));
            log.info("Created admin user {}", email);
        } catch (BeaconException e) {
            // Another node sharing the database created it first.
            log.info("Admin user {} was created concurrently", email);
        }
    }
}

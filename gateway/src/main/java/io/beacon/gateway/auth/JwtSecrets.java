package io.beacon.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where the JWT signing key comes from: BEACON_JWT_SECRET, else a file of the data directory. */
final class JwtSecrets {

    static final String FILE_NAME = "jwt-secret";

    private static final Logger log = LoggerFactory.getLogger(JwtSecrets.class);
    private static final int GENERATED_BYTES = 48;

    private JwtSecrets() {
    }

    /**
     * The configured secret's UTF-8 bytes, or the generated one kept in {@code <dataDir>/jwt-secret}.
     *
     * @throws IllegalStateException if the configured secret is shorter than 32 bytes
     */
    static byte[] resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isEmpty()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < TokenService.MIN_SECRET_BYTES) {
                throw new IllegalStateException("BEACON_JWT_SECRET (beacon.auth.jwt-secret) must be at least "
                        + TokenService.MIN_SECRET_BYTES + " bytes long, it has " + bytes.length
                        + "; set a longer secret or unset it to have one generated in the data directory");
            }
            return bytes;
        }
        StoredSecret stored = SecretFiles.readOrCreate(dataDir.resolve(FILE_NAME),
                () -> SecretFiles.randomToken(GENERATED_BYTES));
        if (stored.generated()) {
            log.info("Generated a JWT signing secret, kept in {}", stored.file());
        }
        // The file holds the secret as BEACON_JWT_SECRET would: its text is the key.
        byte[] bytes = stored.value().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < TokenService.MIN_SECRET_BYTES) {
            throw new IllegalStateException("the JWT secret in " + stored.file() + " is shorter than "
                    + TokenService.MIN_SECRET_BYTES + " bytes; delete the file to have a new one generated");
        }
        return bytes;
    }
}

package io.beacon.gateway.auth;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The write key that create/update/delete requests must carry besides the admin role.
 *
 * <p>Comes from {@code beacon.write-key} (COMPANIES_WRITE_KEY); when that is empty one is generated
 * on first start (32 random bytes, URL-safe base64), kept in {@code <data-dir>/write-key} with
 * owner-only permissions, and printed once on standard output. It never goes to a log line.
 */
public final class WriteKeys {

    static final String FILE_NAME = "write-key";
    private static final int GENERATED_BYTES = 32;

    private final byte[] keyDigest;

    /** A fixed key; for tests and for callers that resolved the key themselves. */
    public WriteKeys(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("the write key must not be empty");
        }
        this.keyDigest = sha256(key);
    }

    /**
     * The configured key if not empty, else the one kept in {@code <dataDir>/write-key}, generated
     * and announced on {@code announce} the first time.
     */
    public static WriteKeys resolve(String configured, Path dataDir, PrintStream announce) {
        if (configured != null && !configured.isEmpty()) {
            return new WriteKeys(configured);
        }
        StoredSecret stored = SecretFiles.readOrCreate(dataDir.resolve(FILE_NAME),
                () -> SecretFiles.randomToken(GENERATED_BYTES));
        if (stored.generated()) {
            // Printed, not logged: log lines are shipped and kept, and the operator needs it once.
            announce.println("Beacon write key (generated, kept in " + stored.file() + "): " + stored.value());
            announce.flush();
        }
        return new WriteKeys(stored.value());
    }

    /** True if {@code candidate} is the write key; takes the same time wherever they differ. */
    public boolean matches(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        // Digests have one length, so isEqual compares in constant time whatever the candidate.
        return MessageDigest.isEqual(keyDigest, sha256(candidate));
    }

    @Override
    public String toString() {
        return "WriteKeys[****]";
    }

    private static byte[] sha256(String value) {
        Objects.requireNonNull(value);
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

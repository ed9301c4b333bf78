package io.beacon.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.function.Supplier;

/** Secrets generated on first start and kept in the data directory, readable by the owner only. */
final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding. */
    static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * Returns the secret kept in {@code file}, or generates one, writes it there and returns it
     * marked as generated. Two processes racing on one data directory end up with the same secret.
     */
    static StoredSecret readOrCreate(Path file, Supplier<String> generator) {
        Path target = file.toAbsolutePath();
        try {
            if (Files.exists(target)) {
                return new StoredSecret(read(target), target, false);
            }
            Path dir = target.getParent();
            Files.createDirectories(dir);
            String value = generator.get();
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", ownerOnly(dir));
            try {
                Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
                if (!publish(temp, target)) {
                    return new StoredSecret(read(target), target, false);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return new StoredSecret(value, target, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret file " + target, e);
        }
    }

    /** Links the written file in place; false when another process got there first. */
    private static boolean publish(Path temp, Path target) throws IOException {
        try {
            // A hard link fails if the target exists, where a rename would silently replace it.
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target)) {
                return false;
            }
            Files.copy(temp, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            return true;
        }
    }

    private static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IllegalStateException("the secret file " + file
                    + " is empty: delete it to have a new secret generated, or fix its content");
        }
        return value;
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
    }
}

package io.beacon.gateway.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class WriteKeysTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void generatedKeyIsKeptPrintedOnceAndReused() throws Exception {
        WriteKeys first = WriteKeys.resolve("", dataDir, out);
        Path file = dataDir.resolve("write-key");
        String key = Files.readString(file).strip();

        assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32);
        assertThat(first.matches(key)).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("Beacon write key (generated, kept in " + file.toAbsolutePath() + "): " + key
                        + System.lineSeparator());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }

        printed.reset();
        WriteKeys second = WriteKeys.resolve(null, dataDir, out);

        assertThat(second.matches(key)).isTrue();
        assertThat(printed.size()).as("printed only at generation").isZero();
        assertThat(Files.readString(file).strip()).isEqualTo(key);
    }

    @Test
    void configuredKeyWinsOverTheFile() throws Exception {
        WriteKeys.resolve("", dataDir, out);
        String stored = Files.readString(dataDir.resolve("write-key")).strip();
        printed.reset();

        WriteKeys keys = WriteKeys.resolve("from-the-environment", dataDir, out);

        assertThat(keys.matches("from-the-environment")).isTrue();
        assertThat(keys.matches(stored)).isFalse();
        assertThat(printed.size()).isZero();
    }

    @Test
    void configuredKeyCreatesNoFile() {
        WriteKeys.resolve("configured", dataDir, out);

        assertThat(dataDir.resolve("write-key")).doesNotExist();
    }

    @Test
    void wrongMissingOrEmptyKeysDoNotMatch() {
        WriteKeys keys = new WriteKeys("s3cret-key");

        assertThat(keys.matches("s3cret-key")).isTrue();
        assertThat(keys.matches("s3cret-kez")).isFalse();
        assertThat(keys.matches("s3cret-key ")).isFalse();
        assertThat(keys.matches("")).isFalse();
        assertThat(keys.matches(null)).isFalse();
        assertThat(keys.toString()).doesNotContain("s3cret");
    }
}

package io.beacon.gateway.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void generatedSecretIsKeptAndReused() {
        byte[] first = JwtSecrets.resolve("", dataDir);
        byte[] second = JwtSecrets.resolve(null, dataDir);

        assertThat(first).hasSizeGreaterThanOrEqualTo(TokenService.MIN_SECRET_BYTES);
        assertThat(second).isEqualTo(first);
        assertThat(dataDir.resolve("jwt-secret")).exists();
    }

    @Test
    void configuredSecretIsUsedAsIs() {
        String secret = "a-configured-secret-that-is-long-enough";

        assertThat(JwtSecrets.resolve(secret, dataDir)).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void configuredSecretShorterThan32BytesFailsStartUp() {
        assertThatThrownBy(() -> JwtSecrets.resolve("too-short", dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BEACON_JWT_SECRET")
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void emptySecretFileIsReportedNotReplaced() throws Exception {
        Files.writeString(dataDir.resolve("jwt-secret"), "\n");

        assertThatThrownBy(() -> JwtSecrets.resolve("", dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is empty");
    }
}

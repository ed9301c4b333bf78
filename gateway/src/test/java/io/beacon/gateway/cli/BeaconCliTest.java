package io.beacon.gateway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the command line decides before Beacon starts (nothing here starts it). */
class BeaconCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void badArgumentsExitTwoWithTheReasonAndTheUsage() {
        int exit = run("replay");

        assertThat(exit).isEqualTo(BeaconCli.EXIT_USAGE);
        assertThat(err()).startsWith("beacon: replay needs a projection").contains(CliArguments.USAGE);
        assertThat(out()).isEmpty();
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo(CliArguments.USAGE);
        assertThat(err()).isEmpty();
    }

    @Test
    void importOfAMissingFileIsABadArgument() {
        int exit = run("import", dir.resolve("nowhere.csv").toString());

        assertThat(exit).isEqualTo(BeaconCli.EXIT_USAGE);
        assertThat(err()).contains("no readable file");
    }

    @Test
    void importOfAFileOfUnknownTypeIsABadArgument() throws Exception {
        Path file = Files.writeString(dir.resolve("rows.csv"), "title\nCEO\n");

        int exit = run("import", file.toString());

        assertThat(exit).isEqualTo(BeaconCli.EXIT_USAGE);
        assertThat(err()).contains("say --type=companies|contacts");
    }

    @Test
    void theCommandLinesDefaultsServeNoOneAndGiveWayToTheOperatorsSettings() {
        List<String> arguments = CliSpring.arguments(List.of("--beacon.data-dir=/srv/b", "--server.port=9000"));

        assertThat(arguments).startsWith("--beacon.data-dir=/srv/b", "--server.port=9000")
                .contains("--server.address=127.0.0.1", "--beacon.embedded-mongo-port=0", "--logging.level.root=WARN")
                .doesNotContain("--server.port=0");
        assertThat(arguments).filteredOn(argument -> argument.startsWith("--beacon.write-key="))
                .singleElement().satisfies(key -> assertThat(key.length()).isGreaterThan(40));
        assertThat(CliSpring.arguments(List.of())).filteredOn(argument -> argument.startsWith("--beacon.write-key="))
                .as("a fresh throwaway key each run").doesNotContainAnyElementsOf(arguments);
    }

    @Test
    void aStoreFileLockedByAnotherHolderIsRefusedAtOnce() throws Exception {
        Path store = Files.writeString(dir.resolve(DataDirCheck.STORE_FILE), "h2");
        try (FileChannel channel = FileChannel.open(store, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            assertThatThrownBy(() -> DataDirCheck.requireFree(dir)).isInstanceOf(DataDirInUseException.class)
                    .hasMessageContaining("is in use by a running Beacon").hasMessageContaining(dir.toString());
        }
        assertThatCode(() -> DataDirCheck.requireFree(dir)).as("free once released").doesNotThrowAnyException();
        assertThatCode(() -> DataDirCheck.requireFree(dir.resolve("fresh"))).as("no store yet").doesNotThrowAnyException();
    }

    @Test
    void h2RefusingALockedFileIsRecognisedAnywhereInTheCauses() {
        RuntimeException h2 = new IllegalStateException("The file is locked: /data/beacon.mv [2.3.232/7]");
        RuntimeException wrapped = new RuntimeException("Error creating bean mongoStore", new RuntimeException(h2));

        assertThat(DataDirInUseException.causedBy(wrapped)).isTrue();
        assertThat(DataDirInUseException.causedBy(new RuntimeException("port in use"))).isFalse();
    }

    private int run(String... args) {
        return BeaconCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

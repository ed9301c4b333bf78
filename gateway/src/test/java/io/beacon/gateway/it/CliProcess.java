package io.beacon.gateway.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line mode of Beacon ({@code replay}, {@code import}) run as its own operating-system process on
 * the test's class path, as an operator runs the jar: standard output and the error stream kept apart, no
 * terminal (so progress comes as plain lines).
 */
final class CliProcess {

    /** A finished run: its exit code and what it wrote where. */
    record Result(int exitCode, String out, String err) {

        /** The progress lines ({@code [###...]  42%  ...}) of the error stream, in order. */
        List<String> progressLines() {
            return err.lines().filter(line -> line.startsWith("[")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliProcess() {
    }

    /** Runs {@code args} on {@code dataDir} (embedded store) and waits for the process to end. */
    static Result run(Path dataDir, String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path argFile = Files.createTempFile("beacon-cli", ".args");
        Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"");
        Path out = Files.createTempFile("beacon-cli", ".out");
        Path err = Files.createTempFile("beacon-cli", ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only and the serial collector: a short run starts faster, which is all a test of it waits for.
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "@" + argFile,
                "io.beacon.gateway.BeaconApplication"));
        command.addAll(List.of(args));
        command.add("--beacon.data-dir=" + dataDir);
        command.add("--beacon.mongodb-uri=");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the command line did not end: " + String.join(" ", args)
                        + "\n" + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(argFile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

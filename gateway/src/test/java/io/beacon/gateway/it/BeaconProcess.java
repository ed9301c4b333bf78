package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Beacon as a separate operating-system process, so a test can kill it with SIGKILL (not a
 * context close) and start it again on the same data directory.
 */
final class BeaconProcess implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@durability.test";
    static final String ADMIN_PASSWORD = "durable-password";
    static final String WRITE_KEY = "durability-write-key";
    private static final String JWT_SECRET = "durability-test-secret-of-at-least-32-bytes";

    private final Process process;
    private final int port;
    private final Path log;

    private BeaconProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static BeaconProcess start(Path dataDir) throws IOException, InterruptedException {
        return start(dataDir, new String[0]);
    }

    /** As {@link #start(Path)}, with {@code extraArgs} ({@code --key=value}) appended to the command line. */
    static BeaconProcess start(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("beacon-process", ".log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path argFile = Files.createTempFile("beacon-process", ".args");
        Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true", "@" + argFile,
                "io.beacon.gateway.BeaconApplication",
                "--server.port=" + port,
                "--beacon.data-dir=" + dataDir,
                "--beacon.embedded-mongo-port=0",
                "--beacon.write-key=" + WRITE_KEY,
                "--beacon.auth.jwt-secret=" + JWT_SECRET,
                "--beacon.auth.admin-email=" + ADMIN_EMAIL,
                "--beacon.auth.admin-password=" + ADMIN_PASSWORD));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BeaconProcess beacon = new BeaconProcess(process, port, log);
        beacon.awaitHealthy(Duration.ofSeconds(90));
        return beacon;
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process did not die");
        }
    }

    String accessToken() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return new ObjectMapper().readTree(response.body()).get("access_token").asText();
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Beacon exited during start-up:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder()
                        .uri(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode status = new ObjectMapper().readTree(response.body()).get("status");
                if (status != null && "UP".equals(status.asText())) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Beacon not healthy within " + timeout + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

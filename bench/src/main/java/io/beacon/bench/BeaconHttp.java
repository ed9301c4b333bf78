package io.beacon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Beacon's HTTP side as the load clients use it: sign-in and registration, and Beacon's own metrics
 * ({@code /actuator/metrics}) — its heap in use, after a forced full GC when its pid is known.
 */
final class BeaconHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private String adminToken;

    BeaconHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs the admin in; later metric reads use this token. */
    String loginAdmin(String email, String password) throws IOException, InterruptedException {
        JsonNode json = post("/api/v1/auth/login", WsConnection.JSON.createObjectNode().put("email", email)
                .put("password", password), 200);
        if (!"admin".equals(json.path("user").path("role").asText())) {
            throw new IllegalStateException("bench user must be an admin");
        }
        adminToken = json.path("access_token").asText();
        return adminToken;
    }

    /** Registers a user (role {@code user}) and answers their access token. */
    String register(String email, String password, String name) throws IOException, InterruptedException {
        return post("/api/v1/auth/register", WsConnection.JSON.createObjectNode().put("email", email)
                .put("password", password).put("name", name), 201).path("access_token").asText();
    }

    /** A metric's {@code VALUE} (gauges) or {@code COUNT} (counters), with an optional {@code tag=key:value}; null if absent. */
    Double metric(String name, String tag) {
        try {
            String query = tag == null ? "" : "?tag=" + tag;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/metrics/" + name + query))
                            .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            for (JsonNode m : WsConnection.JSON.readTree(r.body()).path("measurements")) {
                String statistic = m.path("statistic").asText();
                if ("VALUE".equals(statistic) || "COUNT".equals(statistic)) {
                    return m.path("value").asDouble();
                }
            }
        } catch (IOException e) {
            System.err.println("WARN metrics: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Beacon's heap in use, MB: after {@code jcmd <pid> GC.run} when {@code pid} is above 0 and {@code gc} is set. */
    double heapMb(long pid, boolean gc) {
        if (gc && pid > 0) {
            try {
                Process run = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!run.waitFor(60, TimeUnit.SECONDS)) {
                    run.destroyForcibly();
                }
            } catch (IOException e) {
                System.err.println("WARN jcmd GC.run: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Double bytes = metric("jvm.memory.used", "area:heap");
        return bytes == null ? Double.NaN : bytes / (1024 * 1024);
    }

    private JsonNode post(String path, ObjectNode body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return WsConnection.JSON.readTree(response.body());
    }
}

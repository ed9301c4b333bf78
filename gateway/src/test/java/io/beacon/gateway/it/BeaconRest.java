package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static io.beacon.gateway.it.WsClient.JSON;

/**
 * Beacon's REST auth endpoints over real HTTP: register, login and refresh, each answering the
 * token response ({@code access_token}, {@code refresh_token}, {@code user}...).
 */
final class BeaconRest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;

    BeaconRest(int port) {
        this.port = port;
    }

    /** Registers a new user (role {@code user}) and returns the token response. */
    JsonNode register(String email, String password, String name) {
        return post("/api/v1/auth/register", Map.of("email", email, "password", password, "name", name), 201);
    }

    JsonNode login(String email, String password) {
        return post("/api/v1/auth/login", Map.of("email", email, "password", password), 200);
    }

    JsonNode refresh(String refreshToken) {
        return post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken), 200);
    }

    /** The {@code exp} claim of a JWT, in epoch seconds (read, not verified). */
    static long expiresAtEpochSecond(String jwt) {
        return claims(jwt).path("exp").asLong();
    }

    /** The {@code iat} claim of a JWT, in epoch seconds (read, not verified). */
    static long issuedAtEpochSecond(String jwt) {
        return claims(jwt).path("iat").asLong();
    }

    private static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException("not a JWT", e);
        }
    }

    private JsonNode post(String path, Map<String, String> body, int expectedStatus) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(WsClient.TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError("POST " + path + " answered " + response.statusCode() + " " + response.body()
                        + ", expected " + expectedStatus);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The upload REST endpoints over real HTTP: {@code POST /api/v1/uploads} and {@code GET /api/v1/uploads[/{id}]}.
 */
final class UploadHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An HTTP answer: status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private final int port;

    UploadHttp(int port) {
        this.port = port;
    }

    /** Posts {@code body} as a file of {@code type} with this content type; a null write key sends none. */
    Answer upload(String token, String type, String contentType, byte[] body, String writeKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/uploads" + (type == null ? "" : "?type=" + type)))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (writeKey != null) {
            request.header("X-Companies-Write-Key", writeKey);
        }
        return send(request.build());
    }

    /** Posts {@code body} streamed, without a Content-Length (chunked), so the server only learns its size by reading. */
    Answer uploadChunked(String token, String type, String contentType, byte[] body, String writeKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/uploads?type=" + type))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .header("X-Companies-Write-Key", writeKey)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        return send(request);
    }

    Answer upload(String token, String type, String contentType, String body, String writeKey) {
        return upload(token, type, contentType, body.getBytes(StandardCharsets.UTF_8), writeKey);
    }

    /** {@code GET /api/v1/uploads/{id}} with an optional query string ({@code errors_limit=...}). */
    Answer get(String token, String uploadId, String query) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/uploads/" + uploadId
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET().build());
    }

    Answer list(String token, String query) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/uploads"
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET().build());
    }

    /** Polls the upload until {@code done} holds for it (e.g. finished), failing after {@code timeout}. */
    JsonNode await(String token, String uploadId, Predicate<JsonNode> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Answer answer = get(token, uploadId, "errors_limit=10000");
            if (answer.status() == 200) {
                last = answer.body();
                if (done.test(last)) {
                    return last;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("upload " + uploadId + " did not get there within " + timeout + "; last: " + last);
    }

    static boolean finished(JsonNode upload) {
        String status = upload.path("status").asText();
        return status.equals("completed") || status.equals("failed");
    }

    /** The uuid the row {@code row} of upload {@code uploadId} creates when it names none (as the server derives it). */
    static String rowEntityId(String uploadId, long row) {
        return UUID.nameUUIDFromBytes(("beacon-upload:" + uploadId + ":" + row).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

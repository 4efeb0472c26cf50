package dev.promptevo.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for the API under test, always on 127.0.0.1, sending a bearer token when it has one. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;
    private final Duration timeout;

    Api(int port, String token) {
        this(URI.create("http://127.0.0.1:" + port + "/"), token, Duration.ofSeconds(60));
    }

    private Api(URI base, String token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /** The same client with another bearer token ({@code null}: none). */
    Api as(String otherToken) {
        return new Api(base, otherToken, timeout);
    }

    /** The same client giving up on an answer after {@code timeout} (an {@link UncheckedIOException}). */
    Api within(Duration timeout) {
        return new Api(base, token, timeout);
    }

    /** Sends {@code Authorization} exactly as given (a malformed header, another scheme). */
    Reply getWithAuthorization(String path, String authorization) {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", authorization)
                        .GET(),
                false);
    }

    /** An answer: status, media type and the body as JSON (missing when it is not JSON). */
    record Reply(int status, String contentType, String body, JsonNode json, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode problemError(int i) {
            return json.path("errors").path(i);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** Opens a server-sent-event stream; the lines arrive as the server sends them. */
    HttpResponse<java.util.stream.Stream<String>> stream(String path) {
        try {
            return http.send(
                    authorized(HttpRequest.newBuilder(base.resolve(path)))
                            .header("Accept", "text/event-stream")
                            .timeout(Duration.ofSeconds(90))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    Reply post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Sends the body without a Content-Length (chunked), so the server only learns its size by reading. */
    Reply postChunked(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    Reply postJson(String path, Object body) {
        try {
            return post(path, "application/json", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply postEmpty(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) {
        return send(request, true);
    }

    private Reply send(HttpRequest.Builder request, boolean withToken) {
        if (withToken) {
            authorized(request);
        }
        try {
            HttpResponse<String> response = http.send(
                    request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = MissingNode.getInstance();
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Reply(response.statusCode(), type, response.body(), json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

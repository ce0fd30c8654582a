package org.ser4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ser4j.server.api.ApiJson;

/** A small HTTP client for tests against a server on loopback. */
public final class Http {
    /** A response with its body as text and, when it is JSON, parsed. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return ApiJson.read(body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String apiKey;

    public Http(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    /** The same client sending {@code Authorization: Bearer key}. */
    public Http withKey(String key) {
        return new Http(base, key);
    }

    private Http(String base, String key) {
        this.base = base;
        this.apiKey = key;
    }

    public String base() {
        return base;
    }

    /**
     * Opens a WebSocket to {@code /api/v1/stream?query} (with this client's key): the server's text messages are
     * parsed into {@code messages}; {@code closed} completes with the server's close code, or exceptionally on a
     * socket error. The future fails with a {@link java.net.http.WebSocketHandshakeException} when the upgrade is
     * refused.
     */
    public CompletableFuture<WebSocket> openStream(String query, List<JsonNode> messages,
                                                   CompletableFuture<Integer> closed) {
        WebSocket.Builder builder = client.newWebSocketBuilder();
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        URI uri = URI.create(base.replace("http://", "ws://") + "/api/v1/stream?" + query);
        return builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(ApiJson.read(text.toString()));
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                closed.complete(status);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.completeExceptionally(error);
            }
        });
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer postRaw(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Answer postJson(String path, String json) {
        return postRaw(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** multipart/form-data with one file field. */
    public Answer postMultipart(String path, String field, String fileName, byte[] data) {
        String boundary = "----ser4j" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        return postRaw(path, body, "multipart/form-data; boundary=" + boundary);
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }
}

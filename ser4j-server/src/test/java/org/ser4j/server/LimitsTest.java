package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload size, worker pool, timeout, data-directory lock and graceful stop. */
class LimitsTest {
    /** Reads a raw HTTP response until {@code end} appears in it (the connection may stay open). */
    static String readUntil(java.io.InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b; !text.toString().contains(end) && (b = in.read()) >= 0; ) {
            text.append((char) b);
        }
        return text.toString();
    }

    @TempDir
    Path dir;

    private ServerConfig config() {
        return ServerConfig.defaults(TestModel.bundle()).withPort(0).withDataDir(dir);
    }

    @Test
    void anOversizedUploadIsRefusedWith413BeforeItsBodyIsRead() throws IOException {
        try (Ser4jServer server = Ser4jServer.start(config().withLimits(100_000, 600, Duration.ofSeconds(30)))) {
            // Headers announce 10 GB, and no body follows: the answer must come without waiting for it.
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/predictions HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\n"
                        + "Content-Length: 10000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = readUntil(socket.getInputStream(), "}");
                assertTrue(response.startsWith("HTTP/1.1 413"), response);
                assertTrue(response.contains("payload_too_large"), response);
            }
            // Without a Content-Length (chunked), reading stops at the limit.
            Http http = new Http(server.port());
            byte[] big = TestAudio.wav(TestAudio.noise(5, 16000, 0.1, 1), 16000);
            Http.Answer chunked = http.send(http.request("/api/v1/predictions").POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
            assertEquals(413, chunked.status(), chunked.body());
            Http.Answer multipart = http.postMultipart("/api/v1/predictions", "audio", "big.wav", big);
            assertEquals(413, multipart.status(), multipart.body());
            assertEquals(200, http.get("/health").status());
        }
    }

    @Test
    void aSaturatedWorkerPoolAnswers503InsteadOfQueueing() throws Exception {
        ServerConfig c = config().withWorkers(1, 0);
        byte[] long200s = TestAudio.wav(TestAudio.bursts(200, 16000, 0.1, 2), 16000);
        try (Ser4jServer server = Ser4jServer.start(c)) {
            Http http = new Http(server.port());
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                List<Future<Http.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    answers.add(clients.submit(() -> http.postRaw("/api/v1/predictions", long200s, "audio/wav")));
                }
                int ok = 0;
                int busy = 0;
                for (Future<Http.Answer> f : answers) {
                    Http.Answer a = f.get();
                    if (a.status() == 201) {
                        ok++;
                    } else {
                        assertEquals(503, a.status(), a.body());
                        assertEquals("overloaded", a.json().get("error").asText());
                        assertEquals("1", a.headers().firstValue("Retry-After").orElseThrow());
                        busy++;
                    }
                }
                assertTrue(ok >= 1 && busy >= 1, ok + " answered, " + busy + " refused");
                assertTrue(http.get("/metrics").body().contains("ser4j_http_requests_seconds_count{method=\"POST\","
                        + "route=\"/api/v1/predictions\",status=\"503\"}"));
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /**
     * The answer a client sees on a timeout. Over HTTP this needs real work that outlasts the limit: the longest
     * accepted recording (600 s, about 1 s of computing here) against 100 ms. The timeout itself is tested without
     * depending on speed in {@code InferenceServiceTest}.
     */
    @Test
    void aPredictionOverTheTimeoutIsCancelledWith503() {
        byte[] long600s = TestAudio.wav(TestAudio.bursts(600, 16000, 0.1, 3), 16000);
        try (Ser4jServer server = Ser4jServer.start(config().withLimits(50L << 20, 600, Duration.ofMillis(100)))) {
            Http.Answer a = new Http(server.port()).postRaw("/api/v1/predictions", long600s, "audio/wav");
            assertEquals(503, a.status(), a.body());
            assertEquals("timeout", a.json().get("error").asText());
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused() {
        try (Ser4jServer first = Ser4jServer.start(config())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Ser4jServer.start(config()));
            assertTrue(e.getMessage().contains("another ser4j server is already using the data directory"),
                    e.getMessage());
            assertEquals(200, new Http(first.port()).get("/health").status());
        }
        // Once stopped, the directory is free again.
        Ser4jServer.start(config()).stop();
    }

    @Test
    void aPortAlreadyInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Ser4jServer.start(config().withHost("127.0.0.1").withPort(port)));
            assertTrue(e.getMessage().startsWith("port " + port + " on 127.0.0.1 is already in use"), e.getMessage());
        }
        Ser4jServer.start(config()).stop(); // nothing was left behind: the data directory is free again
    }

    @Test
    void stopLetsAnInFlightPredictionFinish() throws Exception {
        byte[] long600s = TestAudio.wav(TestAudio.bursts(600, 16000, 0.1, 4), 16000);
        Ser4jServer server = Ser4jServer.start(config());
        Http http = new Http(server.port());
        CompletableFuture<Http.Answer> inFlight = CompletableFuture.supplyAsync(
                () -> http.postRaw("/api/v1/predictions", long600s, "audio/wav"));
        // Stop only once the prediction is being computed.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!http.get("/metrics").body().contains("ser4j_inference_active 1") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        server.stop();
        Http.Answer a = inFlight.get();
        assertEquals(201, a.status(), a.body());
        // The row was committed before the answer; a new server on the same directory finds it.
        try (Ser4jServer again = Ser4jServer.start(config())) {
            assertEquals(200, new Http(again.port()).get("/api/v1/predictions/" + a.json().get("id").asText())
                    .status());
        }
    }
}

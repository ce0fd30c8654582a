package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.io.SharedPaths;

/**
 * Malformed uploads of every kind get a clear JSON 4xx, and the server keeps serving after each of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedUploadTest {
    private static final Path SAMPLES = SharedPaths.samples();
    private Ser4jServer server;
    private Http http;
    private Path dataDir;

    @BeforeAll
    void start(@TempDir Path dir) {
        dataDir = dir;
        server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0).withDataDir(dir));
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    /** After every case the server still answers health checks and real predictions. */
    @AfterEach
    void serverStillServes() throws IOException {
        assertEquals(200, http.get("/health").status());
        assertEquals(201, http.postRaw("/api/v1/predictions", Files.readAllBytes(SAMPLES.resolve(
                "YAF_choice_fear.wav")), "audio/wav").status());
    }

    private static void assertError(Http.Answer a, int status, String code) {
        assertEquals(status, a.status(), a.body());
        JsonNode json = a.json();
        assertEquals(code, json.get("error").asText(), a.body());
        String message = json.get("message").asText();
        assertTrue(!message.isBlank() && !message.contains("Exception") && !message.contains("\tat "), message);
        assertTrue(a.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }

    @Test
    void truncatedFilesAreUnprocessable() throws IOException {
        byte[] wav = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.wav"));
        assertError(http.postRaw("/api/v1/predictions", Arrays.copyOf(wav, 30), "audio/wav"), 422, "corrupt_audio");
        byte[] flac = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.flac"));
        Http.Answer a = http.postRaw("/api/v1/predictions", Arrays.copyOf(flac, 60), "audio/flac");
        assertTrue(a.status() == 422, a.body());
    }

    @Test
    void randomBytesAndTextAreUnsupportedMediaTypes() {
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        assertError(http.postRaw("/api/v1/predictions", noise, "audio/wav"), 415, "unsupported_audio");
        Http.Answer text = http.postRaw("/api/v1/predictions", "hello, this is not audio".getBytes(),
                "text/plain");
        assertError(text, 415, "unsupported_audio");
        assertTrue(text.json().get("message").asText().contains("looks like text"));
    }

    @Test
    void theContentTypeDoesNotMatterButABrokenMultipartBodyIsABadRequest() throws IOException {
        byte[] wav = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.wav"));
        // The format is told from the bytes, so a wrong declared type is harmless...
        assertEquals(201, http.postRaw("/api/v1/predictions", wav, "application/json").status());
        // ...but a body that claims to be multipart and is not cannot be parsed.
        assertError(http.postRaw("/api/v1/predictions", wav, "multipart/form-data; boundary=xyz"), 400,
                "bad_multipart");
        assertError(http.postRaw("/api/v1/predictions", new byte[0], "audio/wav"), 400, "missing_audio");
    }

    @Test
    void aTinyFlacOfHoursOfSilenceHitsTheDurationLimitQuickly() {
        byte[] bomb = TestAudio.flacOfSilence(300); // 300 x 65535 samples at 16 kHz = 20.5 minutes
        assertTrue(bomb.length < 10_000, "the bomb is " + bomb.length + " bytes");
        long start = System.nanoTime();
        Http.Answer a = http.postRaw("/api/v1/predictions", bomb, "audio/flac");
        assertError(a, 422, "audio_too_long");
        assertTrue(a.json().get("message").asText().contains("600"), a.body());
        assertTrue((System.nanoTime() - start) / 1e9 < 20, "answered in " + (System.nanoTime() - start) / 1e9 + " s");
    }

    @Test
    void hugeHeadersAreRefusedWithJson() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(100_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 431"), response);
            assertTrue(response.contains("\"error\":\"headers_too_large\""), response);
            assertRequestIdInHeaderAndBody(response);
        }
    }

    /** A request line longer than Jetty accepts gets 414 with the JSON error body, request id included. */
    @Test
    void overlongUrisAreRefusedWithJsonAndARequestId() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/predictions?x=" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 414"), response);
            assertTrue(response.contains("\"error\":"), response);
            assertRequestIdInHeaderAndBody(response);
        }
    }

    private static void assertRequestIdInHeaderAndBody(String response) {
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("(?im)^X-Request-Id: (\\S+)\r?$")
                .matcher(response);
        assertTrue(header.find(), response);
        assertTrue(response.contains("\"request_id\":\"" + header.group(1) + "\""), response);
    }

    @Test
    void unknownRoutesAndMethodsAnswerJson() {
        assertError(http.get("/api/v1/nothing-here"), 404, "not_found");
        assertError(http.get("/api/v1/predictions/not-a-uuid"), 404, "not_found");
        assertError(http.postJson("/api/v1/predictions/not-a-uuid/feedback", "{\"correct\":true}"), 404,
                "not_found");
    }

    @Test
    void clientFileNamesAreLabelsNeverPaths() throws IOException {
        byte[] wav = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.wav"));
        Http.Answer a = http.postRaw("/api/v1/predictions?filename=..%2F..%2Fetc%2Fpasswd", wav, "audio/wav");
        assertEquals(201, a.status(), a.body());
        assertEquals("passwd", a.json().get("file").asText());
        Http.Answer dir = http.postMultipart("/api/v1/predictions", "audio", "/tmp/", wav);
        assertEquals(201, dir.status(), dir.body());
        assertEquals("upload", dir.json().get("file").asText());
    }

    @Test
    void longNulAndNonUtf8FileNamesAreCutAndCleanedNotRefused() throws IOException {
        byte[] wav = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.wav"));
        String longName = "a".repeat(1200) + ".wav";
        Http.Answer query = http.postRaw("/api/v1/predictions?filename=" + longName, wav, "audio/wav");
        assertEquals(201, query.status(), query.body());
        assertEquals("a".repeat(255), query.json().get("file").asText());
        Http.Answer nul = http.postRaw("/api/v1/predictions?filename=clip%00name.wav", wav, "audio/wav");
        assertEquals(201, nul.status(), nul.body());
        assertEquals("clipname.wav", nul.json().get("file").asText());
        Http.Answer badUtf8Query = http.postRaw("/api/v1/predictions?filename=caf%E9.wav", wav, "audio/wav");
        assertEquals(201, badUtf8Query.status(), badUtf8Query.body());
        assertEquals("caf\uFFFD.wav", badUtf8Query.json().get("file").asText());

        byte[] latin1 = "caf\u00e9 \u0000.wav".getBytes(StandardCharsets.ISO_8859_1); // not UTF-8, with a NUL
        for (byte[] name : new byte[][] {longName.getBytes(StandardCharsets.US_ASCII), latin1}) {
            Http.Answer multipart = http.postRaw("/api/v1/predictions", multipartWithRawName(name, wav),
                    "multipart/form-data; boundary=" + BOUNDARY);
            assertEquals(201, multipart.status(), multipart.body());
            String label = multipart.json().get("file").asText();
            assertTrue(!label.isEmpty() && label.length() <= 255 && label.chars().noneMatch(Character::isISOControl),
                    label);
        }
    }

    @Test
    void aLargeMultipartUploadNeverTouchesTheDiskSoABrokenDataDirectoryCannotFailIt() throws IOException {
        // Jetty used to spool parts over 1 MB to DATA_DIR/tmp: with that path unusable, an upload got 400.
        Path spool = dataDir.resolve("tmp");
        if (Files.isDirectory(spool)) {
            Files.delete(spool);
        }
        Files.write(spool, new byte[0]);
        try {
            float[] clip = org.ser4j.audio.AudioReader.read(SAMPLES.resolve("03-01-02-01-02-02-13.wav"), 16000)
                    .samples();
            float[] long40s = new float[clip.length * 14];
            for (int i = 0; i < 14; i++) {
                System.arraycopy(clip, 0, long40s, i * clip.length, clip.length);
            }
            byte[] wav = TestAudio.wav(long40s, 16000);
            assertTrue(wav.length > 1024 * 1024);
            Http.Answer a = http.postMultipart("/api/v1/predictions", "audio", "long.wav", wav);
            assertEquals(201, a.status(), a.body());
            assertEquals("long.wav", a.json().get("file").asText());
        } finally {
            Files.delete(spool);
        }
    }

    private static final String BOUNDARY = "ser4j-raw-name";

    /** A multipart body whose file name is the given bytes exactly (not necessarily UTF-8). */
    private static byte[] multipartWithRawName(byte[] name, byte[] data) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(name);
        body.write("\"\r\nContent-Type: audio/wav\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        body.write(data);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }
}

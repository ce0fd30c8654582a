package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.io.SharedPaths;

/** The WebSocket stream: real PCM of two utterances with pauses in, one stored prediction per utterance out. */
class StreamTest {
    @TempDir
    Path dir;

    @Test
    void eachUtteranceOfAStreamIsPredictedWhenItEndsAndStored() throws Exception {
        Signal calm = AudioReader.read(SharedPaths.samples().resolve("03-01-02-01-02-02-13.wav"), 16000);
        Signal surprised = AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"), 16000);
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dir))) {
            Http http = new Http(server.port());
            List<JsonNode> messages = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = http.openStream("sample_rate=16000&name=mic", messages, closed).get(10, TimeUnit.SECONDS);

            float[] pause = new float[16000];
            for (float[] part : List.of(pause, calm.samples(), pause, surprised.samples(), pause)) {
                sendPcm(ws, part);
            }
            // Both utterances were followed by a full second of silence, so both were answered before 'end'.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (messages.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, messages.size(), messages.toString());
            ws.sendText("end", true).get(5, TimeUnit.SECONDS);
            closed.get(10, TimeUnit.SECONDS);

            JsonNode first = messages.get(0);
            JsonNode second = messages.get(1);
            assertEquals("segment", first.get("type").asText());
            assertEquals(1.0, first.get("start_s").asDouble(), 0.5);
            assertTrue(first.get("end_s").asDouble() <= 1.0 + calm.durationSeconds() + 0.2);
            double secondOnset = 2.0 + calm.durationSeconds();
            assertEquals(secondOnset, second.get("start_s").asDouble(), 0.6);
            assertEquals("end", messages.get(2).get("type").asText());
            assertEquals(2, messages.get(2).get("segments").asInt());
            for (JsonNode segment : List.of(first, second)) {
                assertTrue(segment.get("speech").asBoolean(), segment.toString());
                JsonNode stored = http.get("/api/v1/predictions/" + segment.get("id").asText()).json();
                assertEquals(segment.get("all_scores"), stored.get("all_scores"));
                assertEquals("mic", stored.get("file").asText());
                assertTrue(TestModel.CLASSES.contains(stored.get("emotion").asText()));
            }
            assertTrue(http.get("/metrics").body().contains("origin=\"stream\""));
        }
    }

    /**
     * A stream of NaN and infinite floats, digital silence, steady white noise and clipped garbage (1e30 and -1e30
     * alternating) holds no speech: no emotion is sent or stored for any of it. Whatever the segmenter opened is
     * answered as a segment without speech (no id, no emotion, a reason) and counted in ser4j_no_speech_total.
     */
    @Test
    void nanInfSilenceAndSteadyNoiseNeverBecomeAnEmotion() throws Exception {
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dir))) {
            Http http = new Http(server.port());
            List<JsonNode> messages = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = http.openStream("sample_rate=16000&format=f32le&name=junk", messages, closed)
                    .get(10, TimeUnit.SECONDS);

            int sr = 16000;
            float[] nan = new float[sr];
            java.util.Arrays.fill(nan, Float.NaN);
            float[] inf = new float[sr];
            for (int i = 0; i < inf.length; i++) {
                inf[i] = i % 2 == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            }
            float[] huge = new float[6 * sr];
            for (int i = 0; i < huge.length; i++) {
                huge[i] = i % 2 == 0 ? 1e30f : -1e30f;
            }
            for (float[] part : List.of(nan, inf, new float[sr], TestAudio.noise(6, sr, 0.1, 7), nan, huge, nan)) {
                sendF32(ws, part);
            }
            ws.sendText("end", true).get(5, TimeUnit.SECONDS);
            closed.get(30, TimeUnit.SECONDS);

            JsonNode end = messages.get(messages.size() - 1);
            assertEquals("end", end.get("type").asText(), messages.toString());
            assertEquals(0, end.get("segments").asInt(), messages.toString());
            int noSpeech = 0;
            for (JsonNode m : messages.subList(0, messages.size() - 1)) {
                assertEquals("segment", m.get("type").asText(), m.toString());
                assertFalse(m.get("speech").asBoolean(), m.toString());
                assertFalse(m.has("emotion") || m.has("confidence") || m.has("id"), m.toString());
                assertFalse(m.get("no_speech_reason").asText().isBlank(), m.toString());
                assertTrue(m.get("end_s").asDouble() > m.get("start_s").asDouble(), m.toString());
                noSpeech++;
            }
            assertTrue(noSpeech >= 1, "the steady noise opened a segment: " + messages);
            assertEquals(noSpeech, end.get("no_speech_segments").asInt());
            assertEquals(0, http.get("/api/v1/predictions").json().get("items").size(), "nothing is stored");
            String metrics = http.get("/metrics").body();
            assertEquals(noSpeech, AbstractApiTest.metricValue(metrics, "ser4j_no_speech_total{origin=\"stream\"}"),
                    1e-9, metrics);
            assertFalse(metrics.contains("ser4j_predictions_total{"), "no emotion was counted:\n" + metrics);
            assertTrue(metrics.contains("ser4j_prediction_drift_jsd NaN"), "the drift window stays empty:\n" + metrics);
        }
    }

    @Test
    void aStreamWithoutASampleRateIsRefusedBeforeTheUpgrade() {
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dir))) {
            Http http = new Http(server.port());
            ExecutionException e = assertThrows(ExecutionException.class, () -> http.client().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/stream"),
                            new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
            WebSocketHandshakeException handshake = (WebSocketHandshakeException) e.getCause();
            assertEquals(400, handshake.getResponse().statusCode());
        }
    }

    /** Sends samples as f32le in 100 ms messages, as they are (NaN and infinities included). */
    private static void sendF32(WebSocket ws, float[] samples) throws Exception {
        for (int from = 0; from < samples.length; from += 1600) {
            int n = Math.min(1600, samples.length - from);
            ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                b.putFloat(samples[from + i]);
            }
            b.flip();
            ws.sendBinary(b, true).get(5, TimeUnit.SECONDS);
        }
    }

    /** Sends samples as s16le in 100 ms messages. */
    private static void sendPcm(WebSocket ws, float[] samples) throws Exception {
        for (int from = 0; from < samples.length; from += 1600) {
            int n = Math.min(1600, samples.length - from);
            ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                b.putShort((short) Math.round(Math.max(-1, Math.min(1, samples[from + i])) * 32767));
            }
            b.flip();
            ws.sendBinary(b, true).get(5, TimeUnit.SECONDS);
        }
    }
}

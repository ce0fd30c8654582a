package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.Signal;
import org.ser4j.io.SharedPaths;
import org.ser4j.server.inference.AudioPlots;

/** The routes the web page needs beyond the prediction API: its assets, plot data, model evaluation, feedback summary. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebRoutesTest {
    private Ser4jServer server;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0).withDataDir(dir));
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void thePageAndItsAssetsAreServedFromTheJarUnderAPolicyThatAllowsNothingForeign() {
        Http.Answer page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/js/main.js\"></script>"), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.startsWith("default-src 'self';"), policy);
        for (String asset : new String[] {"/app.css", "/js/main.js", "/js/mic-worklet.js"}) {
            Http.Answer a = http.get(asset);
            assertEquals(200, a.status(), asset);
            // No CDN, no web fonts: nothing the page loads names another host.
            assertTrue(!a.body().contains("http://") && !a.body().contains("https://"), asset + " links elsewhere");
        }
        assertTrue(http.get("/js/main.js").headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
        // The asset folder is not a window onto the rest of the classpath.
        assertEquals(404, http.get("/org/ser4j/server/openapi.json").status());
        assertNotEquals(200, http.get("/../openapi.json").status()); // Jetty refuses the path itself (400)
    }

    @Test
    void plotsOfAnUploadAreTheServersWaveformEnvelopeAndLogMel() throws Exception {
        byte[] wav = Files.readAllBytes(SharedPaths.samples().resolve("03-01-02-01-02-02-13.wav"));
        Http.Answer answer = http.postMultipart("/api/v1/plots?width=300", "audio", "calm.wav", wav);
        assertEquals(200, answer.status(), answer.body());
        JsonNode plots = answer.json();
        assertEquals(2.936, plots.get("duration_s").asDouble(), 1e-3);
        assertEquals(16000, plots.get("sample_rate").asInt());
        assertEquals(300, plots.get("waveform").get("min").size());
        assertEquals(300, plots.get("waveform").get("max").size());
        JsonNode spec = plots.get("spectrogram");
        assertEquals(AudioPlots.N_MELS, spec.get("db").size());
        assertEquals(AudioPlots.N_MELS, spec.get("n_mels").asInt());
        assertEquals(8000.0, spec.get("fmax_hz").asDouble());
        int columns = spec.get("db").get(0).size();
        assertEquals(2.936 / columns, spec.get("seconds_per_column").asDouble(), 1e-3);
        double loudest = -100;
        for (JsonNode band : spec.get("db")) {
            for (JsonNode v : band) {
                assertTrue(v.asDouble() >= -80 && v.asDouble() <= 0, v.toString());
                loudest = Math.max(loudest, v.asDouble());
            }
        }
        assertEquals(0, loudest); // dB relative to the loudest cell

        assertEquals(415, http.postRaw("/api/v1/plots", "not audio at all".repeat(10).getBytes(), "text/plain")
                .status());
        assertEquals(400, http.postRaw("/api/v1/plots?width=0", wav, "audio/wav").status());
    }

    @Test
    void longRecordingsArePlottedSliceBySliceWithoutLosingTheirPlaceInTime() {
        // 75 s of near silence with a loud 1 kHz tone from 60 s to 65 s: crosses two 30 s slice boundaries.
        int sr = 16000;
        float[] y = TestAudio.noise(75, sr, 1e-4, 3);
        for (int i = 60 * sr; i < 65 * sr; i++) {
            y[i] += (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / sr));
        }
        AudioPlots plots = AudioPlots.of(new Signal(y, sr, "tone"), 150); // 0.5 s per column
        assertEquals(150, plots.waveMax().length);
        assertEquals(150, plots.melDb()[0].length);
        assertEquals(0.5, plots.secondsPerColumn(), 1e-3);
        int band = 0; // the band holding 1 kHz is the loudest one at 62 s
        for (int b = 0; b < AudioPlots.N_MELS; b++) {
            if (plots.melDb()[b][124] > plots.melDb()[band][124]) {
                band = b;
            }
        }
        for (int c = 0; c < 150; c++) {
            boolean tone = c >= 120 && c < 130;
            if (tone) {
                assertTrue(plots.melDb()[band][c] > -3, "column " + c + ": " + plots.melDb()[band][c] + " dB");
                assertTrue(plots.waveMax()[c] > 0.45f);
            } else if (c < 119 || c > 130) {
                assertTrue(plots.melDb()[band][c] < -40, "column " + c + ": " + plots.melDb()[band][c] + " dB");
                assertTrue(plots.waveMax()[c] < 0.01f);
            }
        }
    }

    /** Digital silence (an upload without speech) is drawn at the floor, -80 dB, not at the loudest 0 dB. */
    @Test
    void silenceIsPlottedAtTheFloor() {
        AudioPlots plots = AudioPlots.of(new Signal(new float[2 * 16000], 16000, "silence"), 100);
        for (double[] band : plots.melDb()) {
            for (double db : band) {
                assertEquals(-80, db, 1e-9);
            }
        }
        assertEquals(0f, plots.waveMax()[0]);
    }

    @Test
    void theModelRouteCarriesTheEvaluationAndFeedbackHasASummary() {
        JsonNode evaluation = http.get("/api/v1/model").json().get("evaluation");
        assertEquals(56, evaluation.get("n").asInt());
        assertEquals(TestModel.CLASSES.size(), evaluation.get("confusion").get("counts").size());
        assertTrue(evaluation.get("per_class").has("angry"));

        JsonNode before = http.get("/api/v1/feedback/summary").json();
        String id = http.postRaw("/api/v1/predictions", TestAudio.wav(TestAudio.noise(1, 16000, 0.1, 9), 16000),
                "audio/wav").json().get("id").asText();
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": true}").status());
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": false}").status());
        JsonNode after = http.get("/api/v1/feedback/summary").json();
        assertEquals(before.get("total").asLong() + 2, after.get("total").asLong());
        assertEquals(before.get("correct").asLong() + 1, after.get("correct").asLong());
        assertEquals(after.get("correct").asDouble() / after.get("total").asDouble(), after.get("agreement").asDouble(),
                1e-12);
    }
}

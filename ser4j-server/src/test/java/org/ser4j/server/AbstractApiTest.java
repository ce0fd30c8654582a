package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.server.store.ApiKeyStore;

/**
 * The REST API end to end against a real server on loopback, real audio and a real database; run once on SQLite
 * ({@link SqliteApiTest}) and once on PostgreSQL ({@link PostgresApiTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractApiTest {
    static final Path SAMPLES = SharedPaths.samples();
    static final Path CALM_WAV = SAMPLES.resolve("03-01-02-01-02-02-13.wav");

    Path dir;
    Ser4jServer server;
    Http http;
    final List<String> databases = new ArrayList<>();

    /** A JDBC URL of a new empty database, or null for SQLite in the data directory. */
    abstract String newDatabase();

    /** Releases a database made by {@link #newDatabase}. */
    abstract void dropDatabase(String url);

    @BeforeAll
    void startServer(@TempDir Path tempDir) {
        dir = tempDir;
        server = start(dir.resolve("data"), false);
        http = new Http(server.port());
    }

    @AfterAll
    void stopServers() {
        if (server != null) {
            server.stop();
        }
        databases.stream().filter(u -> u != null).forEach(this::dropDatabase);
    }

    Ser4jServer start(Path dataDir, boolean apiKeys) {
        String url = newDatabase();
        databases.add(url);
        return Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0).withDataDir(dataDir)
                .withJdbcUrl(url).withApiKeysRequired(apiKeys));
    }

    @Test
    void anUploadIsAnsweredWithTheCliPredictionAndAnIdAndIsStored() throws IOException {
        Http.Answer created = http.postRaw("/api/v1/predictions?filename=calm.wav", Files.readAllBytes(CALM_WAV),
                "audio/wav");
        assertEquals(201, created.status(), created.body());
        JsonNode json = created.json();
        String id = json.get("id").asText();
        assertEquals("/api/v1/predictions/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals("calm.wav", json.get("file").asText());

        // Exactly what the CLI computes: AudioReader at the model's rate, then Predictor.
        Prediction expected = new Predictor(TestModel.bundle()).predict(AudioReader.read(CALM_WAV, 16000));
        assertEquals(expected.emotion(), json.get("emotion").asText());
        assertEquals(expected.durationS(), json.get("duration_s").asDouble(), 1e-9);
        for (String c : TestModel.CLASSES) {
            assertEquals(expected.allScores().get(c), json.get("all_scores").get(c).asDouble(), 1e-9, c);
        }
        assertEquals(3, json.get("top_3").size());
        assertEquals("server-test", json.get("model").get("name").asText());

        Http.Answer fetched = http.get("/api/v1/predictions/" + id);
        assertEquals(200, fetched.status());
        assertEquals(json.get("all_scores"), fetched.json().get("all_scores"));
        assertEquals(json.get("created_at"), fetched.json().get("created_at"));
        // when the prediction was made and when it was stored: both UTC with milliseconds, the one before the other
        String made = json.get("timestamp").asText();
        String stored = json.get("created_at").asText();
        String iso = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
        assertTrue(made.matches(iso) && stored.matches(iso), made + ", " + stored);
        assertTrue(made.compareTo(stored) <= 0, made + " after " + stored);
        assertEquals(made, fetched.json().get("timestamp").asText());
        assertEquals(404, http.get("/api/v1/predictions/00000000-0000-0000-0000-000000000000").status());
        assertEquals("not_found", http.get("/api/v1/predictions/../../etc/passwd").json().get("error").asText());
    }

    @Test
    void compressedFormatsAreAcceptedAsMultipartUploads() throws IOException {
        for (String name : List.of("03-01-02-01-02-02-13.flac", "03-01-02-01-02-02-13_128k.mp3",
                "03-01-02-01-02-02-13.m4a", "03-01-02-01-02-02-13.opus")) {
            Http.Answer a = http.postMultipart("/api/v1/predictions", "audio", "dir/" + name,
                    Files.readAllBytes(SAMPLES.resolve(name)));
            assertEquals(201, a.status(), name + ": " + a.body());
            assertEquals(name, a.json().get("file").asText(), "only the last path component is kept");
            assertEquals(2.94, a.json().get("duration_s").asDouble(), 0.1, name);
        }
    }

    @Test
    void segmentsAreAddedWhenAskedFor() throws IOException {
        Http.Answer a = http.postRaw("/api/v1/predictions?segments=true", Files.readAllBytes(CALM_WAV),
                "application/octet-stream");
        assertEquals(201, a.status(), a.body());
        JsonNode segments = a.json().get("segments");
        assertNotNull(segments, a.body());
        assertTrue(segments.size() >= 1);
        assertTrue(segments.get(0).get("end_s").asDouble() > segments.get(0).get("start_s").asDouble());
        assertFalse(http.postRaw("/api/v1/predictions", Files.readAllBytes(CALM_WAV), "audio/wav").json()
                .has("segments"));
    }

    /** 2 s of digital silence and 3 s of steady white noise at -20 dBFS, as 16-bit WAV made by WavWriter. */
    static byte[] silentWav() throws IOException {
        return wavBytes(new Signal(new float[32000], 16000, "silence"));
    }

    static byte[] whiteNoiseWav() throws IOException {
        java.util.Random r = new java.util.Random(11);
        float[] y = new float[48000];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.1 * r.nextGaussian());
        }
        return wavBytes(new Signal(y, 16000, "noise"));
    }

    private static byte[] wavBytes(Signal signal) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(signal, out);
        return out.toByteArray();
    }

    /**
     * Silence and steady noise hold no speech: answered (201, like every stored prediction) with emotion no_speech,
     * speech false, a reason, confidence 0 and no scores; stored as such (listed under emotion=no_speech, exported
     * in the feedback CSV with predicted emotion no_speech and confidence 0); counted as no-speech, not as an emotion.
     */
    @Test
    void silenceAndSteadyNoiseAreAnsweredNoSpeechAndStoredAsSuch() throws IOException {
        double noSpeechBefore = metricValue(http.get("/metrics").body(), "ser4j_no_speech_total{origin=\"upload\"}");
        List<String> ids = new ArrayList<>();
        for (var upload : List.of(java.util.Map.entry("silence.wav", silentWav()),
                java.util.Map.entry("white-noise.wav", whiteNoiseWav()))) {
            String name = upload.getKey();
            Http.Answer a = http.postRaw("/api/v1/predictions?segments=true&filename=" + name, upload.getValue(),
                    "audio/wav");
            assertEquals(201, a.status(), a.body());
            JsonNode json = a.json();
            assertEquals(Prediction.NO_SPEECH, json.get("emotion").asText(), a.body());
            assertFalse(json.get("speech").asBoolean(), a.body());
            assertFalse(json.get("no_speech_reason").asText().isBlank(), a.body());
            assertEquals(0.0, json.get("confidence").asDouble(), a.body());
            assertEquals(0, json.get("top_3").size(), a.body());
            assertEquals(0, json.get("all_scores").size(), a.body());
            assertEquals(name, json.get("file").asText());
            // Its segments: stretches without speech, with no emotion.
            JsonNode segments = json.get("segments");
            assertTrue(segments.size() >= 1, a.body());
            for (JsonNode seg : segments) {
                assertFalse(seg.get("speech").asBoolean(), a.body());
                assertFalse(seg.has("emotion") || seg.has("confidence") || seg.has("all_scores"), a.body());
            }
            String id = json.get("id").asText();
            ids.add(id);
            JsonNode stored = http.get("/api/v1/predictions/" + id).json();
            assertEquals(Prediction.NO_SPEECH, stored.get("emotion").asText());
            assertFalse(stored.get("speech").asBoolean());
            assertEquals(json.get("no_speech_reason"), stored.get("no_speech_reason"));
            assertEquals(json.get("segments"), stored.get("segments"));
        }
        assertTrue(http.get("/api/v1/predictions/" + ids.get(0)).json().get("no_speech_reason").asText()
                .startsWith("silence"), "digital silence is reported as silence");

        JsonNode listed = http.get("/api/v1/predictions?emotion=no_speech&limit=500").json();
        List<String> listedIds = new ArrayList<>();
        listed.get("items").forEach(item -> {
            assertEquals(Prediction.NO_SPEECH, item.get("emotion").asText());
            listedIds.add(item.get("id").asText());
        });
        assertTrue(listedIds.containsAll(ids), listed.toString());

        String metrics = http.get("/metrics").body();
        assertEquals(noSpeechBefore + 2, metricValue(metrics, "ser4j_no_speech_total{origin=\"upload\"}"), 1e-9);
        assertTrue(metrics.contains("# HELP ser4j_no_speech_total "), metrics);
        assertFalse(metrics.contains("emotion=\"no_speech\""), "no_speech is not an emotion in the metrics");

        // Feedback on a no-speech answer: a confirmation, a contradiction refused, a correction to an emotion.
        String id = ids.get(1);
        Http.Answer confirm = http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": true, \"emotion\": \"no_speech\", \"comment\": \"only a fan\"}");
        assertEquals(201, confirm.status(), confirm.body());
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": true}").status());
        Http.Answer contradiction = http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": true, \"emotion\": \"sad\"}");
        assertEquals(400, contradiction.status(), contradiction.body());
        assertTrue(contradiction.json().get("message").asText().contains("no speech"), contradiction.body());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"no_speech\"}").status());
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"sad\", \"comment\": \"a whisper under the noise\"}")
                .status());
        String csv = http.get("/api/v1/feedback.csv").body();
        String row = csv.lines().filter(l -> l.contains("only a fan")).findFirst().orElseThrow();
        assertTrue(row.contains(",true,no_speech,only a fan," + id + ","), row);
        assertTrue(row.contains(",white-noise.wav,") && row.contains(",no_speech,0.0,"), row);
        assertTrue(csv.lines().anyMatch(l -> l.contains(",false,sad,a whisper under the noise," + id + ",")), csv);
    }

    /** A clip with speech still gets an emotion (whichever one the model says), with speech segments among gaps. */
    @Test
    void aClipWithSpeechStillGetsAnEmotionAndItsGapsAreSegmentsWithoutSpeech() throws IOException {
        // 1 s of silence, an utterance, 1 s of silence, another utterance, 1 s of silence.
        float[] calm = AudioReader.read(CALM_WAV, 16000).samples();
        float[] surprised = AudioReader.read(SAMPLES.resolve("03-01-08-01-02-02-11.wav"), 16000).samples();
        float[] pause = new float[16000];
        float[] joined = new float[3 * pause.length + calm.length + surprised.length];
        System.arraycopy(calm, 0, joined, pause.length, calm.length);
        System.arraycopy(surprised, 0, joined, 2 * pause.length + calm.length, surprised.length);
        Http.Answer a = http.postRaw("/api/v1/predictions?segments=true", TestAudio.wav(joined, 16000), "audio/wav");
        assertEquals(201, a.status(), a.body());
        JsonNode json = a.json();
        assertTrue(json.get("speech").asBoolean(), a.body());
        assertFalse(json.has("no_speech_reason"), a.body());
        assertTrue(TestModel.CLASSES.contains(json.get("emotion").asText()), a.body());
        assertTrue(json.get("confidence").asDouble() > 0, a.body());
        assertEquals(TestModel.CLASSES.size(), json.get("all_scores").size());
        int speech = 0;
        double previousEnd = 0;
        for (JsonNode seg : json.get("segments")) {
            assertTrue(seg.get("start_s").asDouble() >= previousEnd - 1e-9, "in time order: " + a.body());
            previousEnd = seg.get("end_s").asDouble();
            if (seg.get("speech").asBoolean()) {
                speech++;
                assertTrue(TestModel.CLASSES.contains(seg.get("emotion").asText()), seg.toString());
                assertEquals(TestModel.CLASSES.size(), seg.get("all_scores").size(), seg.toString());
            } else {
                assertFalse(seg.has("emotion") || seg.has("confidence"), seg.toString());
            }
        }
        assertTrue(speech >= 2, a.body());
        // The stretches around and between the utterances are segments without speech.
        JsonNode segments = json.get("segments");
        assertFalse(segments.get(0).get("speech").asBoolean(), a.body());
        assertFalse(segments.get(segments.size() - 1).get("speech").asBoolean(), a.body());
        assertTrue(segments.size() - speech >= 3, "gaps before, between and after: " + a.body());

        // Feedback saying a speech answer held no speech is accepted; "correct" with no_speech is a contradiction.
        String id = json.get("id").asText();
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"no_speech\"}").status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": true, \"emotion\": \"no_speech\"}").status());
    }

    /** The value of one sample line of a Prometheus scrape (0 when absent). */
    static double metricValue(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(0.0);
    }

    @Test
    void predictionsAreListedNewestFirstWithFiltersAndPages() throws IOException {
        byte[] wav = Files.readAllBytes(SAMPLES.resolve("03-01-08-01-02-02-11.wav"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.postRaw("/api/v1/predictions?filename=p" + i + ".wav", wav, "audio/wav").json().get("id")
                    .asText());
        }
        JsonNode page = http.get("/api/v1/predictions?limit=2").json();
        assertEquals(2, page.get("items").size());
        assertEquals(ids.get(2), page.get("items").get(0).get("id").asText(), "newest first");
        assertEquals(2, page.get("next_offset").asInt());
        JsonNode next = http.get("/api/v1/predictions?limit=2&offset=2").json();
        assertEquals(ids.get(0), next.get("items").get(0).get("id").asText());

        String emotion = page.get("items").get(0).get("emotion").asText();
        JsonNode filtered = http.get("/api/v1/predictions?limit=500&emotion=" + emotion).json();
        assertTrue(filtered.get("items").size() >= 3);
        filtered.get("items").forEach(item -> assertEquals(emotion, item.get("emotion").asText()));

        String created = page.get("items").get(0).get("created_at").asText();
        JsonNode fromNewest = http.get("/api/v1/predictions?from=" + created + "&limit=500").json();
        assertTrue(fromNewest.get("items").size() >= 1);
        fromNewest.get("items").forEach(item -> assertTrue(item.get("created_at").asText().compareTo(created) >= 0));
        assertEquals(0, http.get("/api/v1/predictions?from=2999-01-01").json().get("items").size());
        assertEquals(0, http.get("/api/v1/predictions?to=2000-01-01").json().get("items").size());

        assertEquals(400, http.get("/api/v1/predictions?emotion=bored").status());
        assertEquals(400, http.get("/api/v1/predictions?limit=0").status());
        assertEquals(400, http.get("/api/v1/predictions?limit=abc").status());
        assertEquals("bad_request", http.get("/api/v1/predictions?from=yesterday").json().get("error").asText());
    }

    @Test
    void feedbackIsStoredAndExportedAsCsvJoinedWithItsPrediction() throws IOException {
        String id = http.postRaw("/api/v1/predictions?filename=fb.wav", Files.readAllBytes(CALM_WAV), "audio/wav")
                .json().get("id").asText();
        String predicted = http.get("/api/v1/predictions/" + id).json().get("emotion").asText();
        String other = predicted.equals("sad") ? "happy" : "sad"; // the correction names another emotion
        Http.Answer f = http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"" + other + "\", \"comment\": \"sounds \\\"low\\\", tired\"}");
        assertEquals(201, f.status(), f.body());
        assertEquals(id, f.json().get("prediction_id").asText());
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": true}").status());

        Http.Answer csv = http.get("/api/v1/feedback.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("feedback_id,feedback_at,correct,true_emotion,comment,prediction_id"));
        String row = java.util.Arrays.stream(lines).filter(l -> l.contains(f.json().get("id").asText()))
                .findFirst().orElseThrow();
        assertTrue(row.contains(",false," + other + ",\"sounds \"\"low\"\", tired\"," + id + ","), row);
        assertTrue(row.contains(",fb.wav,"), row);
        // Every timestamp, in the CSV as in the JSON, has the same millisecond precision (no dropped zero fractions).
        String millis = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
        String[] cells = row.split(",");
        assertTrue(cells[1].matches(millis), row);
        assertTrue(java.util.Arrays.stream(cells).filter(c -> c.matches(millis)).count() == 2, row);
        assertTrue(f.json().get("created_at").asText().matches(millis), f.body());
        assertTrue(http.get("/api/v1/predictions/" + id).json().get("created_at").asText().matches(millis));

        // The design's four columns; a comment a spreadsheet would run as a formula (a TAB before =) is defused.
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"comment\": \"\\t=HYPERLINK(1)\"}").status());
        List<String> simple = List.of(http.get("/api/v1/feedback.csv?format=simple").body().split("\r\n"));
        assertEquals("file,prediction,feedback,comment", simple.get(0));
        assertTrue(simple.contains("fb.wav," + predicted + "," + other + ",\"sounds \"\"low\"\", tired\""), simple.toString());
        assertTrue(simple.contains("fb.wav," + predicted + ",correct,"), simple.toString());
        assertTrue(simple.contains("fb.wav," + predicted + ",incorrect,'\t=HYPERLINK(1)"), simple.toString());
        assertEquals(400, http.get("/api/v1/feedback.csv?format=xlsx").status());

        assertEquals(404, http.postJson("/api/v1/predictions/00000000-0000-0000-0000-000000000000/feedback",
                "{\"correct\": true}").status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"emotion\": \"sad\"}")
                .status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": \"yes\"}")
                .status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"bored\"}").status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback", "not json").status());
        // feedback that contradicts its prediction, and feedback a cross-site form could send
        Http.Answer contradiction = http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": true, \"emotion\": \"" + other + "\"}");
        assertEquals(400, contradiction.status(), contradiction.body());
        assertTrue(contradiction.json().get("message").asText().contains("the prediction was '" + predicted + "'"));
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"" + predicted + "\"}").status());
        assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": true, \"emotion\": \"" + predicted + "\"}").status());
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
            Http.Answer form = http.postRaw("/api/v1/predictions/" + id + "/feedback",
                    "{\"correct\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
            assertEquals(415, form.status(), type);
            assertEquals("unsupported_media_type", form.json().get("error").asText());
        }

        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("ser4j_feedback_total{correct=\"false\"}"), metrics);
        assertTrue(metrics.contains("ser4j_feedback_agreement_ratio"), metrics);
    }

    @Test
    void modelHealthMetricsAndOpenApiDescribeTheService() throws IOException {
        JsonNode model = http.get("/api/v1/model").json();
        assertEquals("server-test", model.get("name").asText());
        assertEquals(TestModel.CLASSES.size(), model.get("classes").size());
        assertEquals("seed", model.get("feature_spec").get("set").asText());
        assertTrue(model.get("training_distribution").get("source").asText().startsWith("cross-validation"));
        // RAVDESS has 4 neutral and 8 of each other emotion per actor.
        assertEquals(8 / 28.0, model.get("training_distribution").get("shares").get("sad").asDouble(), 1e-9);
        assertEquals(4 / 28.0, model.get("training_distribution").get("shares").get("neutral").asDouble(), 1e-9);

        JsonNode facts = http.get("/api/v1/server").json();
        assertFalse(facts.get("stores_audio").asBoolean());
        assertTrue(facts.get("audio_retention_days").isNull(), facts.toString());
        assertFalse(facts.get("api_keys_required").asBoolean());
        assertEquals(50L * 1024 * 1024, facts.get("max_upload_bytes").asLong());
        assertEquals(http.get("/health").json().get("database_kind").asText(), facts.get("database_kind").asText());

        Http.Answer health = http.get("/health");
        assertEquals(200, health.status());
        assertTrue(health.json().get("ready").asBoolean());
        assertEquals("reachable", health.json().get("database").asText());

        assertEquals(201, http.postRaw("/api/v1/predictions", Files.readAllBytes(CALM_WAV), "audio/wav").status());
        Http.Answer scrape = http.get("/metrics");
        assertEquals(200, scrape.status());
        String text = scrape.body();
        for (String metric : List.of("ser4j_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/predictions\","
                + "status=\"201\"}", "ser4j_http_requests_seconds_bucket{", "ser4j_predictions_total{emotion=",
                "ser4j_model_info{name=\"server-test\",version=\"1\"} 1", "ser4j_inference_queue_depth ",
                "ser4j_prediction_drift_jsd ", "ser4j_prediction_window_share{emotion=\"angry\"}",
                "ser4j_prediction_seconds_count")) {
            assertTrue(text.contains(metric), metric + " missing in\n" + text);
        }

        JsonNode openApi = http.get("/api/v1/openapi.json").json();
        assertEquals("3.0.3", openApi.get("openapi").asText());
        for (String path : List.of("/api/v1/predictions", "/api/v1/predictions/{id}", "/api/v1/predictions/{id}/feedback",
                "/api/v1/feedback.csv", "/api/v1/model", "/api/v1/server", "/api/v1/stream", "/api/v1/sessions/{session}",
                "/health", "/metrics")) {
            assertTrue(openApi.get("paths").has(path), path);
        }
    }

    @Test
    void withApiKeysOnRoutesNeedAValidKey() throws IOException {
        Path keyDir = dir.resolve("keys");
        try (Ser4jServer locked = start(keyDir, true)) {
            Http anonymous = new Http(locked.port());
            byte[] wav = Files.readAllBytes(CALM_WAV);
            Http.Answer refused = anonymous.postRaw("/api/v1/predictions", wav, "audio/wav");
            assertEquals(401, refused.status());
            assertEquals("unauthorized", refused.json().get("error").asText());
            assertEquals(401, anonymous.get("/api/v1/feedback.csv").status());
            assertEquals(401, anonymous.withKey("ser4j_not-a-key").postRaw("/api/v1/predictions", wav, "audio/wav")
                    .status());
            assertEquals(401, anonymous.get("/api/v1/predictions").status(), "stored data needs a key too");
            assertEquals(200, anonymous.get("/health").status(), "open by default on loopback");

            ApiKeyStore.CreatedKey key = ApiKeyAdmin.create(keyDir, locked.config().jdbcUrl(), "test client");
            Http authorised = anonymous.withKey(key.key());
            Http.Answer ok = authorised.postRaw("/api/v1/predictions", wav, "audio/wav");
            assertEquals(201, ok.status(), ok.body());
            assertEquals(201, authorised.postJson("/api/v1/predictions/" + ok.json().get("id").asText()
                    + "/feedback", "{\"correct\": true}").status());
            assertEquals(200, authorised.get("/api/v1/feedback.csv").status());

            assertTrue(ApiKeyAdmin.list(keyDir, locked.config().jdbcUrl()).stream()
                    .anyMatch(k -> k.name().equals("test client") && k.revokedAt() == null));
            assertTrue(ApiKeyAdmin.revoke(keyDir, locked.config().jdbcUrl(), key.id()));
            assertEquals(401, authorised.postRaw("/api/v1/predictions", wav, "audio/wav").status());
        }
    }

    /** A server with the adaptive test model on a given database (null: SQLite in the data directory). */
    private Ser4jServer startAdaptive(Path dataDir, String url, boolean apiKeys) {
        return Ser4jServer.start(ServerConfig.defaults(TestModel.adaptive()).withPort(0).withDataDir(dataDir)
                .withJdbcUrl(url).withApiKeysRequired(apiKeys));
    }

    /** Four RAVDESS clips of an actor the test model never heard, as FLAC bytes. */
    private static List<Path> unseenClips() throws IOException {
        try (var files = Files.list(SharedPaths.datasets().resolve("ravdess/Actor_03"))) {
            return files.sorted().limit(4).toList();
        }
    }

    @Test
    void aSessionAdaptsClipByClipSkipsSilenceAnswersAsTheBatchDoesAndSurvivesARestart() throws IOException {
        Path data = dir.resolve("sessions");
        String url = newDatabase();
        databases.add(url);
        List<Path> clips = unseenClips();
        List<Predictor.Clip> seen = new ArrayList<>();
        Predictor predictor = new Predictor(TestModel.adaptive());
        try (Ser4jServer adaptive = startAdaptive(data, url, false)) {
            Http client = new Http(adaptive.port());
            for (int k = 0; k < clips.size(); k++) {
                byte[] flac = Files.readAllBytes(clips.get(k));
                Http.Answer a = client.postRaw("/api/v1/predictions?session=tab-1&filename=c" + k + ".flac", flac,
                        "audio/flac");
                assertEquals(201, a.status(), a.body());
                JsonNode adaptation = a.json().get("adaptation");
                assertEquals("session", adaptation.get("mode").asText());
                assertEquals("tab-1", adaptation.get("group").asText());
                assertEquals(k + 1, adaptation.get("clips").asInt(), "each clip with speech joins the session");
                // Online equals batch: the answer is the one for the clips seen so far, this one included.
                seen.add(predictor.featurise(AudioReader.read(clips.get(k), 16000)));
                Prediction batch = predictor.predictGroup(seen, "session", "tab-1").get(k);
                for (String c : TestModel.CLASSES) {
                    // The store keeps statistics to 1/1000 of a scale (means) and 1 % (spreads).
                    assertEquals(batch.allScores().get(c), a.json().get("all_scores").get(c).asDouble(), 0.01, c);
                }
            }
            byte[] silence = TestAudio.wav(new float[2 * 16000], 16000);
            Http.Answer quiet = client.postRaw("/api/v1/predictions?session=tab-1", silence, "audio/wav");
            assertEquals(201, quiet.status(), quiet.body());
            assertEquals(Prediction.NO_SPEECH, quiet.json().get("emotion").asText());
            assertEquals(4, client.get("/api/v1/sessions/tab-1").json().get("clips").asInt(),
                    "silence is not accumulated");
            Http.Answer alone = client.postRaw("/api/v1/predictions", Files.readAllBytes(clips.get(0)), "audio/flac");
            assertEquals("none", alone.json().get("adaptation").get("mode").asText());
            assertEquals(0, alone.json().get("adaptation").get("clips").asInt());
            Http.Answer other = client.postRaw("/api/v1/predictions?session=tab-1&speaker=caller", Files.readAllBytes(
                    clips.get(0)), "audio/flac");
            assertEquals(1, other.json().get("adaptation").get("clips").asInt(), "a named speaker is its own group");

            assertEquals(400, client.postRaw("/api/v1/predictions?session=" + "x".repeat(65),
                    silence, "audio/wav").status());
            assertEquals(400, client.postRaw("/api/v1/predictions?session=a%20b", silence, "audio/wav").status());
            assertEquals(400, client.postRaw("/api/v1/predictions?speaker=s", silence, "audio/wav").status());
            Http.Answer withSegments = client.postRaw("/api/v1/predictions?session=tab-2&segments=true",
                    Files.readAllBytes(clips.get(0)), "audio/flac");
            assertEquals(1, withSegments.json().get("adaptation").get("clips").asInt());
            assertTrue(withSegments.json().get("segments").size() >= 1, withSegments.body());
        }
        try (Ser4jServer restarted = startAdaptive(data, url, false)) {
            Http client = new Http(restarted.port());
            assertEquals(4, client.get("/api/v1/sessions/tab-1").json().get("clips").asInt(), "kept over a restart");
            assertEquals(204, client.send(client.request("/api/v1/sessions/tab-1").DELETE()).status());
            assertEquals(0, client.get("/api/v1/sessions/tab-1").json().get("clips").asInt());
            assertEquals(404, client.send(client.request("/api/v1/sessions/tab-1").DELETE()).status());
        }
        Http.Answer refused = http.postRaw("/api/v1/predictions?session=tab-1", Files.readAllBytes(clips.get(0)),
                "audio/flac");
        assertEquals(400, refused.status(), "the default test model does not adapt");
        assertTrue(refused.json().get("message").asText().contains("does not adapt"), refused.body());
    }

    @Test
    void sessionsOfTwoApiKeysNeverMixEvenWithTheSameSessionString() throws IOException {
        Path data = dir.resolve("session-keys");
        String url = newDatabase();
        databases.add(url);
        try (Ser4jServer adaptive = startAdaptive(data, url, true)) {
            ApiKeyStore.CreatedKey first = ApiKeyAdmin.create(data, adaptive.config().jdbcUrl(), "first");
            ApiKeyStore.CreatedKey second = ApiKeyAdmin.create(data, adaptive.config().jdbcUrl(), "second");
            byte[] flac = Files.readAllBytes(unseenClips().get(1));
            Http a = new Http(adaptive.port()).withKey(first.key());
            Http b = new Http(adaptive.port()).withKey(second.key());
            assertEquals(1, a.postRaw("/api/v1/predictions?session=same", flac, "audio/flac").json()
                    .get("adaptation").get("clips").asInt());
            assertEquals(2, a.postRaw("/api/v1/predictions?session=same", flac, "audio/flac").json()
                    .get("adaptation").get("clips").asInt());
            assertEquals(1, b.postRaw("/api/v1/predictions?session=same", flac, "audio/flac").json()
                    .get("adaptation").get("clips").asInt(), "the second key's session starts empty");
            assertEquals(401, new Http(adaptive.port()).get("/api/v1/sessions/same").status());
        }
    }

    // ------------------------------------------------------------------------------------------ Idempotency-Key

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndMakesNoSecondRow() throws IOException {
        byte[] wav = Files.readAllBytes(CALM_WAV);
        String name = "idem-" + UUID.randomUUID() + ".wav";
        String key = UUID.randomUUID().toString();
        Http.Answer first = postKeyed("/api/v1/predictions?filename=" + name, wav, "audio/wav", key);
        assertEquals(201, first.status(), first.body());
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
        for (int i = 0; i < 2; i++) {
            Http.Answer again = postKeyed("/api/v1/predictions?filename=" + name, wav, "audio/wav", key);
            assertEquals(201, again.status(), again.body());
            assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
            assertEquals(first.body(), again.body(), "the stored answer, not a new prediction");
            assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        }
        assertEquals(1, rowsNamed(name));

        // the same key for another request is refused, whatever differs: the audio or a parameter
        byte[] other = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13_mulaw8k.wav"));
        for (Http.Answer reused : List.of(postKeyed("/api/v1/predictions?filename=" + name, other, "audio/wav", key),
                postKeyed("/api/v1/predictions?filename=" + name + "&segments=true", wav, "audio/wav", key),
                postKeyed("/api/v1/predictions?filename=x" + name, wav, "audio/wav", key))) {
            assertEquals(422, reused.status(), reused.body());
            assertEquals("idempotency_key_reused", reused.json().get("error").asText());
        }
        assertEquals(1, rowsNamed(name));
        // without a key, or with another one, the same upload is a new prediction
        assertEquals(201, http.postRaw("/api/v1/predictions?filename=" + name, wav, "audio/wav").status());
        assertEquals(201, postKeyed("/api/v1/predictions?filename=" + name, wav, "audio/wav", key + "-2").status());
        assertEquals(3, rowsNamed(name));
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyMakeOneRow() throws Exception {
        byte[] wav = Files.readAllBytes(CALM_WAV);
        String name = "race-" + UUID.randomUUID() + ".wav";
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return postKeyed("/api/v1/predictions?filename=" + name, wav, "audio/wav", key);
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            int replayed = 0;
            for (Future<Http.Answer> f : answers) {
                Http.Answer a = f.get();
                assertEquals(201, a.status(), a.body());
                ids.add(a.json().get("id").asText());
                replayed += a.headers().firstValue("Idempotent-Replayed").isPresent() ? 1 : 0;
            }
            assertEquals(1, ids.size(), "every answer names the one stored prediction");
            assertEquals(5, replayed, "all but the first are replays");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, rowsNamed(name));
    }

    @Test
    void feedbackRetriedWithAnIdempotencyKeyIsStoredOnce() throws IOException {
        String id = http.postRaw("/api/v1/predictions", Files.readAllBytes(CALM_WAV), "audio/wav").json()
                .get("id").asText();
        String path = "/api/v1/predictions/" + id + "/feedback";
        byte[] body = "{\"correct\": true, \"comment\": \"retried\"}".getBytes(StandardCharsets.UTF_8);
        long before = http.get("/api/v1/feedback/summary").json().get("total").asLong();
        Http.Answer first = postKeyed(path, body, "application/json", "feedback-" + id);
        assertEquals(201, first.status(), first.body());
        Http.Answer again = postKeyed(path, body, "application/json", "feedback-" + id);
        assertEquals(201, again.status(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(first.body(), again.body());
        assertEquals(before + 1, http.get("/api/v1/feedback/summary").json().get("total").asLong());
        Http.Answer reused = postKeyed(path, "{\"correct\": false}".getBytes(StandardCharsets.UTF_8),
                "application/json", "feedback-" + id);
        assertEquals(422, reused.status(), reused.body());
        assertEquals(before + 1, http.get("/api/v1/feedback/summary").json().get("total").asLong());
    }

    @Test
    void anIdempotencyKeyMustBeShortVisibleAscii() throws IOException {
        byte[] wav = Files.readAllBytes(CALM_WAV);
        for (String bad : List.of("", "a b", "x".repeat(256))) {
            Http.Answer a = postKeyed("/api/v1/predictions", wav, "audio/wav", bad);
            assertEquals(400, a.status(), bad + ": " + a.body());
            assertTrue(a.json().get("message").asText().contains("Idempotency-Key"), a.body());
        }
        assertEquals(201, postKeyed("/api/v1/predictions", wav, "audio/wav", "x".repeat(255)).status());
    }

    Http.Answer postKeyed(String path, byte[] body, String contentType, String idempotencyKey) {
        return http.send(http.request(path).header("Content-Type", contentType)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** How many stored predictions have this file name (the test's own; a page holds every row of this suite). */
    int rowsNamed(String name) {
        Http.Answer page = http.get("/api/v1/predictions?limit=500");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.json().get("next_offset").isNull(), "one page holds all rows");
        int n = 0;
        for (JsonNode item : page.json().get("items")) {
            n += item.get("file").asText().equals(name) ? 1 : 0;
        }
        return n;
    }
}

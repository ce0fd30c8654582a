package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
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
    private final List<String> databases = new ArrayList<>();

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
        Http.Answer f = http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"sad\", \"comment\": \"sounds \\\"low\\\", tired\"}");
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
        assertTrue(row.contains(",false,sad,\"sounds \"\"low\"\", tired\"," + id + ","), row);
        assertTrue(row.contains(",fb.wav,"), row);

        assertEquals(404, http.postJson("/api/v1/predictions/00000000-0000-0000-0000-000000000000/feedback",
                "{\"correct\": true}").status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"emotion\": \"sad\"}")
                .status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": \"yes\"}")
                .status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback",
                "{\"correct\": false, \"emotion\": \"bored\"}").status());
        assertEquals(400, http.postJson("/api/v1/predictions/" + id + "/feedback", "not json").status());

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
                "/api/v1/feedback.csv", "/api/v1/model", "/api/v1/stream", "/health", "/metrics")) {
            assertTrue(openApi.get("paths").has(path), path);
        }
    }

    @Test
    void withApiKeysOnWriteAndExportRoutesNeedAValidKey() throws IOException {
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
            assertEquals(200, anonymous.get("/health").status(), "reads stay open");

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
}

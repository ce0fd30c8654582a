package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Provenance;
import org.ser4j.models.ShippedModels;
import org.ser4j.server.Ser4jServer;
import org.ser4j.server.ServerConfig;
import org.ser4j.server.api.ApiJson;

/**
 * {@code train --feedback}: a real server stores two uploads and their corrections; training on a small CSV corpus
 * plus that data directory counts the two clips as corpus {@code feedback} with the operator's licence.
 */
class FeedbackTrainingTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void correctedClipsOfAServerJoinTheTrainingData(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("server-data");
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(ShippedModels.load("commercial")).withPort(0)
                .withDataDir(dataDir).withAudioStorage(true, Duration.ofDays(1)))) {
            String base = "http://127.0.0.1:" + server.port();
            for (Map.Entry<String, String> clip : Map.of("03-01-02-01-02-02-13.wav", "sad",
                    "03-01-08-01-02-02-11.wav", "angry").entrySet()) {
                com.fasterxml.jackson.databind.JsonNode answer = post(base + "/api/v1/predictions?filename=" + clip.getKey(), "audio/wav",
                        Files.readAllBytes(SharedPaths.samples().resolve(clip.getKey())));
                String id = answer.get("id").asText();
                // a correction when the model got it wrong, a confirmation when it got it right: both label the clip
                String feedback = answer.get("emotion").asText().equals(clip.getValue()) ? "{\"correct\": true}"
                        : "{\"correct\": false, \"emotion\": \"" + clip.getValue() + "\"}";
                post(base + "/api/v1/predictions/" + id + "/feedback", "application/json", feedback.getBytes());
            }
        }

        Path csv = ravdessCsv(dir);
        Path model = dir.resolve("m.ser4j");
        Cli r = Cli.run("train", "--data", csv.toString(), "--feedback", dataDir.toString(), "--protocol", "none",
                "--features", "seed", "--model", "logreg", "--out", model.toString(), "--threads", "2",
                "--no-cache");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("feedback: 2 clip(s)"), r.err());
        Map<String, Provenance.CorpusInfo> corpora = ModelBundle.load(model).provenance().corpora().stream()
                .collect(Collectors.toMap(Provenance.CorpusInfo::name, c -> c));
        assertEquals(2, corpora.get("feedback").files());
        assertEquals(2, corpora.get("feedback").speakers());
        assertEquals("user feedback: licence as declared by the operator", corpora.get("feedback").licence());
        assertEquals(56, corpora.get("mini").files());

        Cli bad = Cli.run("train", "--data", csv.toString(), "--feedback", dir.resolve("nothing").toString(),
                "--out", model.toString());
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--feedback"), bad.err());
    }

    private com.fasterxml.jackson.databind.JsonNode post(String url, String type, byte[] body) throws Exception {
        HttpResponse<String> a = client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, a.statusCode(), a.body());
        return ApiJson.read(a.body());
    }

    /** RAVDESS actors 1 and 2, neutral/happy/sad/angry (56 clips), as a user CSV named "mini". */
    private static Path ravdessCsv(Path dir) throws IOException {
        List<String> rows = new ArrayList<>(List.of("path,label,speaker"));
        Map<String, String> labels = Map.of("01", "neutral", "03", "happy", "04", "sad", "05", "angry");
        for (String actor : List.of("Actor_01", "Actor_02")) {
            try (Stream<Path> files = Files.list(SharedPaths.datasets().resolve("ravdess").resolve(actor))) {
                for (Path f : files.sorted().toList()) {
                    String label = labels.get(f.getFileName().toString().substring(6, 8));
                    if (label != null) {
                        rows.add(f + "," + label + "," + actor);
                    }
                }
            }
        }
        Path csv = dir.resolve("mini.csv");
        Files.write(csv, rows);
        return csv;
    }
}

package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.io.SharedPaths;

/**
 * train -> inspect -> predict -> evaluate through the real CLI, on a small real corpus: four EMO-DB speakers
 * listed in a user CSV (so the CSV loader and a declared licence are exercised too), cheap seed features and
 * logistic regression, so the whole class runs in seconds.
 */
class ModelCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SPEAKERS = Set.of("03", "08", "09", "10");

    @TempDir
    static Path dir;
    static Path model;
    static Path csv;

    @BeforeAll
    static void train() throws IOException {
        csv = EmoDbSubset.csv(dir, "mycorpus", SPEAKERS);
        model = dir.resolve("m.ser4j");
        Cli r = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--protocol", "kfold-speaker",
                "--folds", "2", "--features", "seed", "--model", "logreg", "--licence", "mycorpus=CC BY 4.0",
                "--out", model.toString(), "--report", dir.resolve("train.html").toString(),
                "--json", dir.resolve("train.json").toString(), "--threads", "2", "--no-cache", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void trainingWritesBundleReportAndMetrics() throws IOException {
        assertTrue(Files.size(model) > 1000);
        String html = Files.readString(dir.resolve("train.html"));
        assertTrue(html.contains("data:image/png;base64,"), "plots are embedded");
        assertTrue(!html.contains("http://") && !html.contains("https://"), "no external resources");
        JsonNode metrics = JSON.readTree(dir.resolve("train.json").toFile());
        double ua = metrics.findValue("unweighted_accuracy").asDouble();
        // 7 classes: chance is 1/7; seed features + logistic regression on 2 unseen speakers do clearly better.
        assertTrue(ua > 1.0 / 7 + 0.1 && ua <= 1.0, "UA " + ua);
        // one held-out clip per recognised class, drawn as a log-mel spectrogram with a player
        String examples = html.substring(html.indexOf("<h2>An example of each emotion</h2>"));
        examples = examples.substring(0, examples.indexOf("</div>"));
        int figures = examples.split("<figure>", -1).length - 1;
        assertTrue(figures >= 2 && figures <= 7, figures + " examples");
        assertEquals(figures, examples.split("example spectrogram\" src=\"data:image/png;base64,", -1).length - 1);
        assertEquals(figures, examples.split("<audio controls", -1).length - 1);
        // permutation importance of the seed set's three groups, measured on the held-out folds
        assertTrue(html.contains("<h2>Feature importance</h2>"), "importance section");
        JsonNode importance = metrics.get("importance");
        assertEquals(3, importance.size(), importance.toString());
        int features = 0;
        for (JsonNode g : importance) {
            features += g.get("features").asInt();
            assertEquals(2, g.get("folds").asInt());
        }
        assertEquals(59, features, "every feature of the seed set in one group");
        assertTrue(importance.get(0).get("ua_drop").asDouble() > 0, "the most important group matters");
    }

    @Test
    void inspectShowsProvenanceAndLicence() {
        Cli r = Cli.run("inspect", model.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("mycorpus"), r.out());
        assertTrue(r.out().contains("CC BY 4.0"), r.out());
        assertTrue(r.out().contains("seed"), r.out());
        assertTrue(r.out().contains("angry, boredom, disgust") || r.out().contains("neutral"), r.out());
    }

    @Test
    void predictPrintsProbabilitiesThatSumToOne() throws IOException {
        Path clip = SharedPaths.datasets().resolve("emodb/wav/11a01Ab.flac");
        Cli r = Cli.run("predict", "--model", model.toString(), clip.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode p = JSON.readTree(r.out());
        double sum = 0;
        for (JsonNode v : p.get("all_scores")) {
            sum += v.asDouble();
        }
        assertEquals(1.0, sum, 1e-9);
        assertEquals(3, p.get("top_3").size());
        assertEquals(p.get("top_3").get(0).get("emotion").asText(), p.get("emotion").asText());
        assertTrue(p.get("duration_s").asDouble() > 1.0);
        assertTrue(p.get("model").has("name"));
    }

    /** One line per file; a bad file is reported by name and makes the exit code 1, the good one is predicted. */
    @Test
    void predictReportsBadFilesAndContinues() throws IOException {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "not audio at all");
        Path good = SharedPaths.samples().resolve("03-01-02-01-02-02-13.m4a");
        Cli r = Cli.run("predict", "--model", model.toString(), "--format", "jsonl", bad.toString(), good.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("bad.wav"), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(JSON.readTree(r.out()).get("file").asText().endsWith(".m4a"));
    }

    @Test
    void predictWithSegments() throws IOException {
        Path clip = SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav");
        Cli r = Cli.run("predict", "--model", model.toString(), "--segments", "--window", "1.0", clip.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode segs = JSON.readTree(r.out()).get("segments");
        assertTrue(segs.size() >= 3, r.out());
        assertEquals(0.0, segs.get(0).get("start_s").asDouble(), 1e-9);
    }

    /** Evaluation on two held-out EMO-DB speakers: the JSON has the keys the issue lists. */
    @Test
    void evaluateWritesMetricsAndReport() throws IOException {
        Path held = dir.resolve("held.csv");
        List<String> rows = new ArrayList<>(List.of("path,label,speaker"));
        try (Stream<Path> files = Files.list(SharedPaths.datasets().resolve("emodb/wav"))) {
            files.sorted().filter(f -> f.getFileName().toString().startsWith("13")).forEach(f ->
                    rows.add(f + "," + (f.getFileName().toString().charAt(5) == 'W' ? "angry" : "neutral") + ",13"));
        }
        Files.write(held, rows);
        Path json = dir.resolve("eval.json");
        Cli r = Cli.run("evaluate", "--model", model.toString(), "--data", held.toString(), "--json",
                json.toString(), "--report", dir.resolve("eval.html").toString(), "--no-cache", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode e = JSON.readTree(json.toFile());
        for (String key : List.of("n", "excluded", "accuracy", "unweighted_accuracy", "macro_f1", "per_class",
                "confusion", "per_gender")) {
            assertTrue(e.has(key), "missing " + key + " in " + e);
        }
        assertTrue(e.get("n").asInt() > 10);
        assertFalse(r.err().contains("WARNING"), "speaker 13 never trained the model: " + r.err());
        assertTrue(e.get("training_overlap").isNull(), e.toString());
    }

    /** The bundle records what trained it; evaluating on those clips warns, and --strict refuses. */
    @Test
    void evaluateOnTheTrainingClipsWarnsAndStrictRefuses() throws IOException {
        int clips = (int) Files.readAllLines(csv).stream().skip(1).count();
        Path json = dir.resolve("leaky.json");
        Cli r = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--labels", "emodb",
                "--json", json.toString(), "--no-cache", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        String expected = clips + " of " + clips + " clips and 4 of 4 speakers (mycorpus:03, mycorpus:08, mycorpus:09, "
                + "mycorpus:10) were in the model's training data";
        assertTrue(r.err().contains("WARNING: " + expected), r.err());
        assertTrue(JSON.readTree(json.toFile()).get("training_overlap").asText().startsWith(expected));

        // the same recordings under other names and another speaker id are still recognised by their content
        Path renamed = dir.resolve("renamed.csv");
        List<String> rows = new ArrayList<>(List.of("path,label,speaker"));
        List<String> original = Files.readAllLines(csv);
        for (String row : original.subList(1, 6)) {
            String[] f = row.split(",");
            Path copy = dir.resolve("copy-" + Path.of(f[0]).getFileName());
            Files.copy(Path.of(f[0]), copy);
            rows.add(copy + "," + f[1] + ",someone");
        }
        Files.write(renamed, rows);
        Cli strict = Cli.run("evaluate", "--model", model.toString(), "--data", renamed.toString(), "--strict",
                "--no-cache", "--quiet");
        assertEquals(1, strict.exitCode(), strict.toString());
        assertTrue(strict.err().contains("refusing to evaluate (--strict): 5 of 5 clips and 0 of 1 speakers were in "
                + "the model's training data"), strict.err());
    }

    @Test
    void missingModelIsAClearError() {
        Cli r = Cli.run("predict", "--model", "no-such-model", SharedPaths.samples().resolve("03-01-02-01-02-02-13.wav")
                .toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no-such-model"), r.err());
    }
}

package org.ser4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.features.FeatureSets;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.adaptation.Grouping;

/**
 * The three jobs on real Spark (local[2]) and real EMO-DB files, each checked against the CLI itself
 * ({@code org.ser4j.cli.Main}) on the same files with the same bundle: every prediction, feature vector and the
 * evaluation JSON must be equal, and bad files must land in the error column without failing the job.
 * The bundle is trained by the CLI's {@code train} on two EMO-DB speakers (seed features, logistic regression);
 * the jobs run on two other speakers.
 */
class SparkJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIPS = 24;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path model;
    static ModelBundle bundle;
    /** Real clips of speakers 09 and 10, and the bad inputs that sit beside them in the clip table. */
    static List<Path> clips;
    static Path emptyFile;
    static Path textFile;
    static Path truncatedFile;
    static Path missingFile;

    @BeforeAll
    static void setUp() throws IOException {
        spark = SparkSessions.create("ser4j-spark tests", "local[2]");
        Path emodb = SharedPaths.datasets().resolve("emodb/wav");
        Path trainCsv = dir.resolve("train.csv");
        Files.write(trainCsv, corpusCsv(emodb, Set.of("03", "08")));
        model = dir.resolve("m.ser4j");
        Cli train = Cli.run("train", "--data", trainCsv.toString(), "--labels", "emodb", "--protocol",
                "kfold-speaker", "--folds", "2", "--features", "seed", "--model", "logreg", "--out", model.toString(),
                "--threads", "2", "--no-cache", "--quiet");
        assertEquals(0, train.exitCode(), train.toString());
        bundle = ModelBundle.load(model);

        try (Stream<Path> files = Files.list(emodb)) {
            List<Path> all = files.filter(f -> Set.of("09", "10").contains(f.getFileName().toString().substring(0, 2)))
                    .sorted().toList();
            clips = new ArrayList<>();
            for (int i = 0; i < CLIPS; i++) {
                clips.add(all.get(i * all.size() / CLIPS)); // spread over both speakers and all emotions
            }
        }
        Path bad = Files.createDirectories(dir.resolve("bad"));
        emptyFile = Files.createFile(bad.resolve("empty.wav"));
        textFile = Files.writeString(bad.resolve("notes.flac"), "not audio at all\n");
        truncatedFile = bad.resolve("truncated.flac");
        Files.write(truncatedFile, java.util.Arrays.copyOf(Files.readAllBytes(clips.get(0)), 200));
        missingFile = bad.resolve("missing.flac");
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void predictGivesTheClisPredictionForEveryClipAndErrorsForBadFiles() throws IOException {
        Path table = dir.resolve("clips.csv");
        List<String> lines = new ArrayList<>(List.of("path,label,speaker"));
        clips.forEach(c -> lines.add(c + ",x," + c.getFileName().toString().substring(0, 2)));
        for (Path b : List.of(emptyFile, textFile, truncatedFile, missingFile)) {
            lines.add(b + ",,");
        }
        Files.write(table, lines);
        String out = dir.resolve("predictions.parquet").toString();

        Instant jobStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JobCounters.JobSummary summary = PredictJob.run(spark, ClipTable.load(spark, table.toString(), true, 3),
                bundle, model.toString(), null, Grouping.NONE, out, SaveMode.ErrorIfExists, false);
        Instant jobEnd = Instant.now();

        assertEquals(CLIPS, summary.clipsDone());
        assertEquals(4, summary.clipsFailed());
        assertTrue(summary.audioHours() > CLIPS * 1.0 / 3600, "EMO-DB clips last over a second each");
        Map<String, Row> rows = byPath(spark.read().parquet(out).collectAsList());
        assertEquals(CLIPS + 4, rows.size());

        Map<String, JsonNode> cli = cliPredictions(clips, List.of());
        for (Path clip : clips) {
            Row row = rows.get(clip.toString());
            JsonNode expected = cli.get(clip.toString());
            assertNull(row.getAs("error"), clip.toString());
            assertEquals(expected.get("file").asText(), row.getAs("file"));
            assertEquals(expected.get("emotion").asText(), row.getAs("emotion"));
            assertEquals(expected.get("confidence").asDouble(), (double) row.getAs("confidence"), 0.0);
            assertEquals(expected.get("duration_s").asDouble(), (double) row.getAs("duration_s"), 0.0);
            assertEquals(expected.get("model").get("name").asText(), row.getAs("model_name"));
            assertEquals(expected.get("model").get("version").asText(), row.getAs("model_version"));
            Instant made = ((java.sql.Timestamp) row.getAs("timestamp")).toInstant();
            assertFalse(made.isBefore(jobStart) || made.isAfter(jobEnd), made + " is not within the job's run");
            assertEquals(scores(expected.get("all_scores")), row.getJavaMap(row.fieldIndex("all_scores")));
            List<Row> top3 = row.getList(row.fieldIndex("top_3"));
            assertEquals(3, top3.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(expected.get("top_3").get(i).get("emotion").asText(), top3.get(i).getString(0));
                assertEquals(expected.get("top_3").get(i).get("score").asDouble(), top3.get(i).getDouble(1), 0.0);
            }
            assertEquals(clip.getFileName().toString().substring(0, 2), row.getAs("speaker"), "table columns kept");
        }
        for (Path b : List.of(emptyFile, textFile, truncatedFile, missingFile)) {
            Row row = rows.get(b.toString());
            String error = row.getAs("error");
            assertNotNull(error, b + " is reported");
            assertTrue(error.contains(b.getFileName().toString()), error);
            assertNull(row.getAs("emotion"));
            assertNull(row.getAs("confidence"));
        }
        assertTrue(((String) rows.get(emptyFile.toString()).getAs("error")).contains("empty"));
        assertTrue(((String) rows.get(missingFile.toString()).getAs("error")).contains("no such file"));
    }

    @Test
    void segmentsGiveTheClisSegmentPredictionsOneRowEach() throws IOException {
        List<Path> few = clips.subList(0, 4);
        Path table = dir.resolve("few.csv");
        List<String> lines = new ArrayList<>(List.of("path"));
        few.forEach(c -> lines.add(c.toString()));
        Files.write(table, lines);
        String out = dir.resolve("segments.parquet").toString();

        PredictJob.run(spark, ClipTable.load(spark, table.toString(), true, null), bundle, model.toString(),
                new PredictJob.Segments(1.0), Grouping.NONE, out, SaveMode.ErrorIfExists, false);

        Map<String, JsonNode> cli = cliPredictions(few, List.of("--segments", "--window", "1.0"));
        List<Row> rows = spark.read().parquet(out).orderBy("path", "segment").collectAsList();
        int expectedRows = 0;
        for (Path clip : few) {
            JsonNode segments = cli.get(clip.toString()).get("segments");
            expectedRows += segments.size();
            List<Row> mine = rows.stream().filter(r -> r.getAs("path").equals(clip.toString())).toList();
            assertEquals(segments.size(), mine.size(), clip.toString());
            assertTrue(segments.size() >= 2, "1 s windows on clips of over a second");
            for (int i = 0; i < mine.size(); i++) {
                Row r = mine.get(i);
                JsonNode s = segments.get(i);
                assertEquals(i, (int) r.getAs("segment"));
                assertEquals(s.get("start_s").asDouble(), (double) r.getAs("start_s"), 0.0);
                assertEquals(s.get("end_s").asDouble(), (double) r.getAs("end_s"), 0.0);
                assertEquals(s.get("speech").asBoolean(), r.getAs("speech"));
                if (!s.get("speech").asBoolean()) { // a window without speech: no emotion, no scores
                    assertNull(r.getAs("emotion"));
                    continue;
                }
                assertEquals(s.get("emotion").asText(), r.getAs("emotion"));
                assertEquals(s.get("confidence").asDouble(), (double) r.getAs("confidence"), 0.0);
                assertEquals(scores(s.get("all_scores")), r.getJavaMap(r.fieldIndex("all_scores")));
            }
        }
        assertEquals(expectedRows, rows.size());
    }

    @Test
    void featuresFromAGlobEqualTheClisSeedTable() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("glob-input/sub"));
        List<Path> few = clips.subList(0, 6);
        for (Path c : few) {
            Files.copy(c, folder.resolve(c.getFileName()));
        }
        Files.copy(textFile, folder.resolve("notes.flac"));
        Files.writeString(folder.resolve("readme.txt"), "not listed: no audio extension");
        String out = dir.resolve("features.parquet").toString();

        JobCounters.JobSummary summary = FeaturesJob.run(spark,
                ClipTable.load(spark, dir.resolve("glob-input").toString() + "/s*", false, null),
                FeatureSets.spec("seed", Map.of(), null), out, SaveMode.ErrorIfExists, false);

        assertEquals(few.size(), summary.clipsDone());
        assertEquals(1, summary.clipsFailed());
        Path cliOut = dir.resolve("cli-features");
        Cli cli = Cli.run(Stream.concat(Stream.of("features", "--set", "seed", "--format", "csv", "--out",
                cliOut.toString(), "--quiet"), few.stream().map(p -> folder.resolve(p.getFileName()).toString()))
                .toArray(String[]::new));
        assertEquals(0, cli.exitCode(), cli.toString());
        List<String> csv = Files.readAllLines(cliOut.resolve("seed.csv"));
        List<String> names = List.of(csv.get(0).split(",")).subList(1, csv.get(0).split(",").length);

        org.apache.spark.sql.Dataset<Row> written = spark.read().parquet(out);
        String[] metadataNames = written.schema().apply("features").metadata().getStringArray("names");
        assertEquals(names, List.of(metadataNames), "feature names travel in the column metadata");
        JsonNode sidecar = JSON.readTree(Files.readString(Path.of(out, FeaturesJob.SPEC_FILE)));
        assertEquals(names.size(), sidecar.get("names").size());
        Map<String, Row> rows = byPath(written.collectAsList());
        assertEquals(few.size() + 1, rows.size(), "readme.txt is not audio");
        for (String line : csv.subList(1, csv.size())) {
            String[] fields = line.split(",");
            List<Double> vector = rows.get(fields[0]).getList(rows.get(fields[0]).fieldIndex("features"));
            assertEquals(names.size(), vector.size());
            for (int i = 0; i < vector.size(); i++) {
                assertEquals(Double.parseDouble(fields[i + 1]), vector.get(i), 0.0, names.get(i));
            }
        }
        assertNotNull(rows.get(folder.resolve("notes.flac").toString()).getAs("error"));
    }

    @Test
    void evaluateWritesTheClisMetricsJsonAndReport() throws IOException {
        Path csv = dir.resolve("heldout.csv");
        Files.write(csv, corpusCsv(SharedPaths.datasets().resolve("emodb/wav"), Set.of("09", "10")));
        Path cliJson = dir.resolve("cli-metrics.json");
        Cli cli = Cli.run("evaluate", "--data", csv.toString(), "--model", model.toString(), "--json",
                cliJson.toString(), "--no-cache", "--quiet", "--threads", "2");
        assertEquals(0, cli.exitCode(), cli.toString());
        Path out = dir.resolve("evaluation");

        EvaluateJob.Result result = EvaluateJob.run(spark, Corpora.load(csv), bundle, model.toString(),
                bundle.labelMap(), Grouping.NONE, 42, out.toString(), null, false);

        assertEquals(Files.readString(cliJson), Files.readString(out.resolve(EvaluateJob.METRICS_FILE)),
                "the metrics JSON is the CLI's, byte for byte");
        assertTrue(result.evaluation().evaluation().n() > 50);
        assertEquals(result.evaluation().evaluation().n(), result.summary().clipsDone());
        String html = Files.readString(out.resolve(EvaluateJob.REPORT_FILE));
        assertTrue(html.contains("data:image/png;base64,") && html.contains("Confusion matrix"));
        assertTrue(cli.out().contains(String.format(java.util.Locale.ROOT, "accuracy=%.4f",
                result.evaluation().evaluation().accuracy())));
    }

    @Test
    void commandLineRunsAJobAndPrintsItsSummary() {
        String out = dir.resolve("cli-run.parquet").toString();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "predict",
                "--input", clips.get(0).getParent() + "/1[0]a0*.flac", "--output", out, "--model", model.toString(),
                "--master", "local[2]", "--quiet");
        assertEquals(0, code, stdout + "\n" + stderr);
        long n = spark.read().parquet(out).count();
        assertTrue(n >= 3, "speaker 10's a0x sentences: " + n);
        assertTrue(stdout.toString().contains("predict: " + n + " clips done, 0 failed"), stdout.toString());
        assertTrue(!spark.sparkContext().isStopped(), "a session the command did not create is left running");

        int again = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "predict",
                "--input", clips.get(0).toString(), "--output", out, "--model", model.toString(), "--quiet");
        assertEquals(Main.EXIT_FAILED, again, "an existing output is not overwritten without --overwrite");
        assertTrue(stderr.toString().contains("already exists"), stderr.toString());
        assertEquals(2, Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "predict",
                "--output", out), "--input is required");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The CLI's {@code predict --format jsonl} for {@code files}, by file. */
    private static Map<String, JsonNode> cliPredictions(List<Path> files, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), "--format", "jsonl",
                "--quiet"));
        args.addAll(options);
        files.forEach(f -> args.add(f.toString()));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), cli.toString());
        Map<String, JsonNode> byFile = new HashMap<>();
        for (String line : cli.out().strip().split("\n")) {
            JsonNode p = JSON.readTree(line);
            byFile.put(p.get("file").asText(), p);
        }
        assertEquals(files.size(), byFile.size());
        return byFile;
    }

    private static Map<String, Double> scores(JsonNode node) {
        Map<String, Double> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    private static Map<String, Row> byPath(List<Row> rows) {
        Map<String, Row> m = new HashMap<>();
        rows.forEach(r -> m.put(r.getAs("path"), r));
        return m;
    }

    /** A CSV corpus (path,label,speaker,gender) of some EMO-DB speakers, as the CLI's csv loader reads it. */
    static List<String> corpusCsv(Path emodb, Set<String> speakers) throws IOException {
        List<String> rows = new ArrayList<>(List.of("path,label,speaker,gender"));
        try (Stream<Path> files = Files.list(emodb)) {
            files.sorted().forEach(f -> {
                String n = f.getFileName().toString();
                String speaker = n.substring(0, 2);
                if (speakers.contains(speaker)) {
                    String label = switch (n.charAt(5)) {
                        case 'W' -> "angry";
                        case 'L' -> "boredom";
                        case 'E' -> "disgust";
                        case 'A' -> "fearful";
                        case 'F' -> "happy";
                        case 'T' -> "sad";
                        default -> "neutral";
                    };
                    String gender = Set.of("03", "10", "11", "12").contains(speaker) ? "male" : "female";
                    rows.add(f + "," + label + "," + speaker + "," + gender);
                }
            });
        }
        return rows;
    }

    @Test
    void predictAdaptsEachFolderInTwoPassesExactlyAsTheCli() throws IOException {
        Path adaptive = dir.resolve("adaptive.ser4j");
        Cli train = Cli.run("train", "--data", dir.resolve("train.csv").toString(), "--labels", "emodb",
                "--protocol", "kfold-speaker", "--folds", "2", "--features", "seed", "--model", "logreg",
                "--adaptation", "relative", "--out", adaptive.toString(), "--threads", "2", "--no-cache", "--quiet");
        assertEquals(0, train.exitCode(), train.toString());
        // One folder per speaker, as a user would keep a speaker's or a line's recordings.
        List<String> lines = new ArrayList<>(List.of("path"));
        List<Path> folders = new ArrayList<>();
        for (String speaker : List.of("09", "10")) {
            Path folder = Files.createDirectories(dir.resolve("speaker-" + speaker));
            folders.add(folder);
            for (Path clip : clips) {
                if (clip.getFileName().toString().startsWith(speaker)) {
                    Path copy = Files.copy(clip, folder.resolve(clip.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    lines.add(copy.toString());
                }
            }
        }
        Path table = dir.resolve("adapt-clips.csv");
        Files.write(table, lines);
        String out = dir.resolve("adapted.parquet").toString();
        PredictJob.run(spark, ClipTable.load(spark, table.toString(), true, 3), ModelBundle.load(adaptive),
                adaptive.toString(), null, Grouping.FOLDER, out, SaveMode.ErrorIfExists, false);
        Map<String, Row> rows = byPath(spark.read().parquet(out).collectAsList());

        List<String> args = new ArrayList<>(List.of("predict", "--model", adaptive.toString(), "--adapt", "folder",
                "--format", "jsonl", "--quiet"));
        folders.forEach(f -> args.add(f.toString()));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), cli.toString());
        int compared = 0;
        for (String line : cli.out().split("\n")) {
            JsonNode expected = JSON.readTree(line);
            Row row = rows.get(expected.get("file").asText());
            assertNull(row.getAs("error"));
            assertEquals(expected.get("adaptation").get("group").asText(), row.getAs("adaptation_group"));
            assertEquals(expected.get("adaptation").get("clips").asInt(), (int) row.getAs("adaptation_clips"));
            assertEquals(expected.get("emotion").asText(), row.getAs("emotion"));
            Map<String, Double> got = row.getJavaMap(row.fieldIndex("all_scores"));
            scores(expected.get("all_scores")).forEach((c, v) -> assertEquals(v, got.get(c), 1e-9, c));
            compared++;
        }
        assertEquals(CLIPS, compared);
    }

    /** Runs the real CLI in-process and captures what it prints. */
    record Cli(int exitCode, String out, String err) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = org.ser4j.cli.Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Cli(code, out.toString(), err.toString());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }
}

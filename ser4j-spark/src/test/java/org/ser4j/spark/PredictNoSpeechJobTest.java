package org.ser4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.adaptation.Grouping;

/**
 * {@code predict} on a folder holding a silent WAV, a steady white-noise WAV (both made here) and a real EMO-DB
 * clip, on real Spark (local[2]) with a bundle trained by the CLI: the clips without speech get {@code speech =
 * false}, emotion {@code no_speech} and a reason (and, per segment, rows with a null emotion); they are answers, not
 * errors; the speech clip still gets an emotion.
 */
class PredictNoSpeechJobTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path model;
    static ModelBundle bundle;
    static Path folder;
    static Path silence;
    static Path noise;
    static Path speech;

    @BeforeAll
    static void setUp() throws IOException {
        spark = SparkSessions.create("ser4j-spark no-speech test", "local[2]");
        Path emodb = SharedPaths.datasets().resolve("emodb/wav");
        Path trainCsv = dir.resolve("train.csv");
        Files.write(trainCsv, SparkJobsTest.corpusCsv(emodb, Set.of("03", "08")));
        model = dir.resolve("m.ser4j");
        SparkJobsTest.Cli train = SparkJobsTest.Cli.run("train", "--data", trainCsv.toString(), "--labels", "emodb",
                "--protocol", "kfold-speaker", "--folds", "2", "--features", "seed", "--model", "logreg", "--out",
                model.toString(), "--threads", "2", "--no-cache", "--quiet");
        assertEquals(0, train.exitCode(), train.toString());
        bundle = ModelBundle.load(model);

        folder = Files.createDirectories(dir.resolve("calls"));
        silence = folder.resolve("silence.wav");
        WavWriter.write(new Signal(new float[2 * 16000], 16000, "silence"), silence);
        Random r = new Random(3);
        float[] hiss = new float[3 * 16000];
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (float) (0.1 * r.nextGaussian());
        }
        noise = folder.resolve("white-noise.wav");
        WavWriter.write(new Signal(hiss, 16000, "noise"), noise);
        speech = folder.resolve("10a01Wa.flac");
        Files.copy(emodb.resolve("10a01Wa.flac"), speech);
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void clipsWithoutSpeechGetSpeechFalseAndNoSpeechPerClip() {
        String out = dir.resolve("clips.parquet").toString();
        JobCounters.JobSummary summary = PredictJob.run(spark, ClipTable.load(spark, folder.toString(), false, null),
                bundle, model.toString(), null, Grouping.NONE, out, SaveMode.ErrorIfExists, false);
        assertEquals(3, summary.clipsDone());
        assertEquals(0, summary.clipsFailed(), "no speech is an answer, not a failure");

        Map<String, Row> rows = byPath(spark.read().parquet(out).collectAsList());
        assertEquals(3, rows.size());
        for (Path p : List.of(silence, noise)) {
            Row row = rows.get(p.toString());
            assertNull(row.getAs("error"), p.toString());
            assertEquals(false, row.getAs("speech"), p.toString());
            assertEquals("no_speech", row.getAs("emotion"));
            assertEquals(0.0, (double) row.getAs("confidence"));
            assertTrue(row.getList(row.fieldIndex("top_3")).isEmpty());
            assertTrue(row.getJavaMap(row.fieldIndex("all_scores")).isEmpty());
            assertFalse(((String) row.getAs("no_speech_reason")).isBlank());
        }
        assertTrue(((String) rows.get(silence.toString()).getAs("no_speech_reason")).startsWith("silence"));
        assertEquals(2.0, (double) rows.get(silence.toString()).getAs("duration_s"), 1e-9);

        Row spoken = rows.get(speech.toString());
        assertEquals(true, spoken.getAs("speech"));
        assertNull(spoken.getAs("no_speech_reason"));
        assertTrue(bundle.classes().contains((String) spoken.getAs("emotion")), spoken.toString());
        assertEquals(3, spoken.getList(spoken.fieldIndex("top_3")).size());
    }

    @Test
    void stretchesWithoutSpeechAreSegmentRowsWithANullEmotion() {
        String out = dir.resolve("segments.parquet").toString();
        PredictJob.run(spark, ClipTable.load(spark, folder.toString(), false, null), bundle, model.toString(),
                new PredictJob.Segments(null), Grouping.NONE, out, SaveMode.ErrorIfExists, false);
        List<Row> rows = spark.read().parquet(out).orderBy("path", "segment").collectAsList();

        List<Row> silent = rows.stream().filter(r -> r.getAs("path").equals(silence.toString())).toList();
        assertEquals(1, silent.size(), silent.toString());
        Row gap = silent.get(0);
        assertEquals(0, (int) gap.getAs("segment"));
        assertEquals(false, gap.getAs("speech"));
        assertEquals(0.0, (double) gap.getAs("start_s"));
        assertEquals(2.0, (double) gap.getAs("end_s"), 1e-9);
        assertNull(gap.getAs("emotion"));
        assertNull(gap.getAs("confidence"));
        assertNull(gap.getAs("all_scores"));
        assertNull(gap.getAs("error"));

        List<Row> spoken = rows.stream().filter(r -> r.getAs("path").equals(speech.toString())).toList();
        assertTrue(spoken.stream().anyMatch(r -> Boolean.TRUE.equals(r.getAs("speech"))), spoken.toString());
        double previousEnd = 0;
        for (Row r : spoken) {
            assertTrue((double) r.getAs("start_s") >= previousEnd - 1e-9, "time order: " + spoken);
            previousEnd = r.getAs("end_s");
            if (Boolean.TRUE.equals(r.getAs("speech"))) {
                assertTrue(bundle.classes().contains((String) r.getAs("emotion")), r.toString());
            } else {
                assertNull(r.getAs("emotion"), r.toString());
            }
        }
    }

    @Test
    void theCommandLineCountsNoSpeechClipsAsDone() {
        String out = dir.resolve("cli.parquet").toString();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "predict", "--input",
                folder.toString(), "--output", out, "--model", model.toString(), "--master", "local[2]", "--quiet");
        assertEquals(0, code, stdout + "\n" + stderr);
        assertTrue(stdout.toString().contains("predict: 3 clips done, 0 failed"), stdout.toString());
        assertEquals(2, spark.read().parquet(out).where("speech = false AND emotion = 'no_speech'").count());
    }

    private static Map<String, Row> byPath(List<Row> rows) {
        Map<String, Row> m = new HashMap<>();
        rows.forEach(r -> m.put(r.getAs("path"), r));
        return m;
    }
}

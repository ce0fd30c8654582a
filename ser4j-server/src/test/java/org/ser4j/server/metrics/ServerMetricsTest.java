package org.ser4j.server.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.models.Prediction;

/** No-speech answers have their own counter and never reach the emotion counters or the drift window. */
class ServerMetricsTest {
    private static final Prediction.ModelRef MODEL = new Prediction.ModelRef("m", "1");

    private static Prediction angry() {
        return new Prediction("a.wav", "angry", 0.9, List.of(new Prediction.Score("angry", 0.9),
                new Prediction.Score("sad", 0.1)), Map.of("angry", 0.9, "sad", 0.1), true, null, 2.0, MODEL, null,
                "2026-12-05T12:00:00.000Z", null);
    }

    private static Prediction noSpeech() {
        return new Prediction("b.wav", Prediction.NO_SPEECH, 0, List.of(), Map.of(), false, "silence", 2.0, MODEL, null,
                "2026-12-05T12:00:01.000Z", null);
    }

    @Test
    void noSpeechIsCountedApartAndKeptOutOfTheDriftWindow() {
        ServerMetrics m = new ServerMetrics("m", "1",
                new TrainingDistribution(List.of("angry", "sad"), new double[] {1, 1}, "test"), 10,
                new long[] {0, 0}, () -> 0, () -> 0);
        String before = m.scrape();
        // Scraped as 0 before the first one, with its help text.
        assertTrue(before.contains("# HELP ser4j_no_speech_total "), before);
        assertEquals(0.0, value(before, "ser4j_no_speech_total{origin=\"upload\"}"), before);
        assertEquals(0.0, value(before, "ser4j_no_speech_total{origin=\"stream\"}"), before);

        m.recordPrediction(noSpeech(), "upload", Duration.ofMillis(5));
        m.recordPrediction(noSpeech(), "stream", Duration.ofMillis(5));
        m.recordPrediction(noSpeech(), "upload", Duration.ofMillis(5));
        assertEquals(0, m.drift().size(), "no-speech answers are not in the drift window");
        assertTrue(Double.isNaN(m.drift().divergence()));

        m.recordPrediction(angry(), "upload", Duration.ofMillis(5));
        assertEquals(1, m.drift().size());
        assertArrayEquals(new double[] {1, 0}, m.drift().windowDistribution(), 1e-12);
        assertEquals(2, m.noSpeechCount("upload"), 1e-12);
        assertEquals(1, m.noSpeechCount("stream"), 1e-12);

        String text = m.scrape();
        assertEquals(2.0, value(text, "ser4j_no_speech_total{origin=\"upload\"}"), text);
        assertEquals(1.0, value(text, "ser4j_predictions_total{emotion=\"angry\",origin=\"upload\"}"), text);
        assertFalse(text.contains("no_speech\","), "no_speech is never an emotion label:\n" + text);
        assertEquals(4.0, value(text, "ser4j_prediction_seconds_count"), "every answer is timed:\n" + text);
    }

    /**
     * The page carries the JVM and process series a JVM service is expected to expose, every metric family has help
     * text, refusals are counted by reason, and Prometheus's own checker (promtool, Debian's prometheus package,
     * installed by .ci/promtool.sh) finds nothing to report.
     */
    @Test
    void jvmAndProcessMetricsAreExposedAndEveryMetricHasHelp() throws Exception {
        ServerMetrics m = new ServerMetrics("m", "1",
                new TrainingDistribution(List.of("angry", "sad"), new double[] {1, 1}, "test"), 10,
                new long[] {0, 0}, () -> 0, () -> 0);
        m.recordPrediction(angry(), "upload", Duration.ofMillis(5));
        m.recordRequest("POST", "/api/v1/predictions", 200, Duration.ofMillis(7));
        m.recordFeedback(true);
        m.recordRejected("overloaded");
        String text = m.scrape();
        m.close();
        for (String series : List.of("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "jvm_info", "process_cpu_usage", "process_uptime_seconds",
                "process_files_open_files", "system_cpu_cores")) {
            assertTrue(text.contains("\n" + series), series + " missing:\n" + text);
        }
        assertEquals(1.0, value(text, "ser4j_inference_rejected_total{reason=\"overloaded\"}"), text);
        assertEquals(0.0, value(text, "ser4j_inference_rejected_total{reason=\"timeout\"}"), text);
        List<String> families = text.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
        for (String family : families) {
            String help = text.lines().filter(l -> l.startsWith("# HELP " + family + " ")).findFirst().orElse("");
            assertTrue(help.length() > ("# HELP " + family + " ").length(), "no help text for " + family);
        }

        if (!org.ser4j.server.TestTools.onPath("promtool", "--version")) {
            org.ser4j.server.TestTools.missing("promtool (Debian: apt-get install prometheus; CI runs "
                    + ".ci/promtool.sh)");
            return;
        }
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String report = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "promtool hangs");
        assertEquals(0, promtool.exitValue(), report);
        assertEquals("", report.strip(), "promtool check metrics reports nothing");
    }

    /** The value of a series in a scrape; fails when it is missing. */
    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " missing in\n" + scrape));
    }
}

package org.ser4j.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.Signal;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSpec;

class FeatureTableBuilderTest {
    private static final int RATE = 8000;

    /** Duration, RMS and rate of a signal: values with closed forms for a sine, and a count of calls. */
    private static final class RmsExtractor implements FeatureExtractor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public FeatureSpec spec() {
            return new FeatureSpec("test-rms", 1, RATE, Map.of());
        }

        @Override
        public List<String> names() {
            return List.of("duration_s", "rms", "sample_rate");
        }

        @Override
        public double[] extract(Signal signal) {
            calls.incrementAndGet();
            double sum = 0;
            for (float x : signal.samples()) {
                sum += x * x;
            }
            return new double[] {signal.durationSeconds(), Math.sqrt(sum / signal.length()), signal.sampleRate()};
        }
    }

    private static Utterance utterance(Path file) {
        return new Utterance(file, "c", "c:1", Gender.UNKNOWN, Emotion.NEUTRAL, Map.of());
    }

    /** Sines of amplitude 0.1 * (i + 1) and length 0.1 * (i + 1) s; every third at twice the spec's rate. */
    private static List<Utterance> sines(Path dir, int n) {
        List<Utterance> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int rate = i % 3 == 2 ? 2 * RATE : RATE;
            Path file = dir.resolve("s" + i + ".wav");
            Fixtures.wav(file, Fixtures.sine(440, 0.1 * (i + 1), 0.1 * (i + 1), rate), rate);
            list.add(utterance(file));
        }
        return list;
    }

    @Test
    void rowsFollowTheInputAndHoldEachFileFeaturesAtTheSpecRate(@TempDir Path dir) {
        List<Utterance> input = sines(dir, 6);
        FeatureTable table = new FeatureTableBuilder(new RmsExtractor()).requireSpeech(false).threads(2)
                .quiet(true).build(input);
        assertEquals(List.of("duration_s", "rms", "sample_rate"), table.columns());
        assertEquals(input, table.utterances());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, table.sourceIndices());
        for (int i = 0; i < 6; i++) {
            double[] row = table.values()[i];
            assertEquals(0.1 * (i + 1), row[0], 1e-3, "duration of row " + i);
            assertEquals(0.1 * (i + 1) / Math.sqrt(2), row[1], 0.01 * (i + 1), "rms of row " + i);
            assertEquals(RATE, row[2]);
        }
        assertTrue(table.failures().isEmpty());
        assertEquals(0, table.cacheHits());
    }

    @Test
    void badFilesBecomeFailuresNotAborts(@TempDir Path dir) {
        List<Utterance> input = new ArrayList<>(sines(dir, 2));
        Fixtures.write(dir.resolve("empty.wav"), new byte[0]);
        Fixtures.write(dir.resolve("junk.wav"), "not audio at all".getBytes());
        input.add(1, utterance(dir.resolve("empty.wav")));
        input.add(utterance(dir.resolve("missing.wav")));
        input.add(utterance(dir.resolve("junk.wav")));
        FeatureTable table = new FeatureTableBuilder(new RmsExtractor()).requireSpeech(false).threads(2)
                .quiet(true).build(input);
        assertEquals(2, table.rowCount());
        assertArrayEquals(new int[] {0, 2}, table.sourceIndices());
        assertEquals(List.of(1, 3, 4), table.failures().stream().map(ExtractionFailure::index).toList());
        for (ExtractionFailure f : table.failures()) {
            assertTrue(f.message().contains(f.utterance().fileName()), f.message());
        }
    }

    @Test
    void theCacheServesTheSecondRunAndSameContentUnderAnotherName(@TempDir Path dir) throws Exception {
        List<Utterance> input = new ArrayList<>(sines(dir.resolve("audio"), 4));
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        RmsExtractor first = new RmsExtractor();
        FeatureTable cold = new FeatureTableBuilder(first).requireSpeech(false).cache(cache).quiet(true).build(input);
        assertEquals(4, first.calls.get());

        Files.copy(input.get(0).path(), dir.resolve("audio/renamed.wav"));
        input.add(utterance(dir.resolve("audio/renamed.wav")));
        RmsExtractor second = new RmsExtractor();
        ContentHashes hashes = new ContentHashes();
        FeatureTable warm = new FeatureTableBuilder(second).requireSpeech(false).cache(cache).hashes(hashes).quiet(true)
                .build(input);
        assertEquals(0, second.calls.get());
        assertEquals(5, warm.cacheHits());
        assertEquals(5, hashes.size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(cold.values()[i], warm.values()[i]);
        }
        assertArrayEquals(cold.values()[0], warm.values()[4]);
    }

    @Test
    void filesWithoutSpeechBecomeFailuresByDefault(@TempDir Path dir) {
        // a steady tone and digital silence: predict answers both "no speech", so training must not learn from them
        List<Utterance> input = sines(dir, 1);
        Path silent = dir.resolve("silent.wav");
        Fixtures.wav(silent, new float[RATE], RATE);
        input.add(utterance(silent));
        FeatureTable table = new FeatureTableBuilder(new RmsExtractor()).quiet(true).build(input);
        assertEquals(0, table.rowCount());
        assertEquals(2, table.failures().size());
        assertTrue(table.failures().get(0).message().contains("no speech"), table.failures().get(0).message());
    }
}

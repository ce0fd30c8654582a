package org.ser4j.models.adaptation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.models.Json;

class AdaptationTest {

    @Test
    void runningStatisticsMatchTheTwoPassDefinitionAndSkipMissingValues() {
        Random r = new Random(5);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new double[] {1000 + r.nextGaussian(), i % 7 == 0 ? Double.NaN : 3 * r.nextGaussian()});
        }
        GroupStatistics s = GroupStatistics.of(2, rows);
        for (int j = 0; j < 2; j++) {
            final int col = j;
            double[] values = rows.stream().mapToDouble(x -> x[col]).filter(v -> !Double.isNaN(v)).toArray();
            double mean = java.util.Arrays.stream(values).average().orElseThrow();
            double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
            assertEquals(values.length, s.count(j));
            assertEquals(mean, s.mean(j), 1e-9);
            assertEquals(variance, s.variance(j), 1e-9);
        }
        assertEquals(50, s.clips());
        assertEquals(50 - 8, s.count(1), "every 7th value of the second feature is missing");
        // Halves gathered apart and merged are the whole.
        GroupStatistics merged = GroupStatistics.of(2, rows.subList(0, 17)).merge(GroupStatistics.of(2,
                rows.subList(17, 50)));
        assertEquals(50, merged.clips());
        assertArrayEquals(s.count(), merged.count());
        assertArrayEquals(s.mean(), merged.mean(), 1e-9);
        assertArrayEquals(s.m2(), merged.m2(), 1e-6);
        GroupStatistics back = Json.read(Json.write(s), GroupStatistics.class);
        assertArrayEquals(s.mean(), back.mean(), 0);
        assertArrayEquals(s.m2(), back.m2(), 0);
    }

    @Test
    void plainStandardisesEachSpeakerWithItsOwnStatistics() {
        // A: 1, 3 -> mean 2, sd 1 -> -1, 1.   B: 10, 20, 30 -> mean 20, sd sqrt(200/3) -> -sqrt(1.5), 0, sqrt(1.5)
        double[][] x = {{1}, {10}, {3}, {20}, {30}};
        double[][] z = Adaptation.plain().transformGroups(x, List.of("A", "B", "A", "B", "B"));
        assertEquals(-1, z[0][0], 1e-12);
        assertEquals(1, z[2][0], 1e-12);
        assertEquals(-Math.sqrt(1.5), z[1][0], 1e-12);
        assertEquals(0, z[3][0], 1e-12);
        assertEquals(Math.sqrt(1.5), z[4][0], 1e-12);
        GroupStatistics one = GroupStatistics.of(1, List.of(new double[] {1}));
        assertThrows(IllegalStateException.class, () -> Adaptation.plain().transform(new double[] {1}, one));
        assertThrows(IllegalStateException.class, () -> Adaptation.plain().transform(new double[] {1}, null));
    }

    @Test
    void relativeKeepsTheVectorAndShrinksTheSpeakersStatisticsTowardsThePopulation() {
        // Two training speakers: means 0 and 10 (prior mean 5), within-speaker variance 1 each (prior scale 1).
        double[][] train = {{-1}, {1}, {9}, {11}};
        Adaptation a = Adaptation.relative(train, List.of("s", "s", "t", "t"), 3);
        assertArrayEquals(new double[] {5}, a.priorMean(), 1e-12);
        assertArrayEquals(new double[] {1}, a.priorScale(), 1e-12);
        assertEquals(2, a.inputSize(1));

        // No clips of the speaker: relative to the population.
        assertArrayEquals(new double[] {7, 2}, a.transform(new double[] {7}, null), 1e-12);
        // One clip at 8: mean (8 + 3*5)/4 = 5.75, variance (0 + 3*1)/4 = 0.75.
        GroupStatistics one = GroupStatistics.of(1, List.of(new double[] {8}));
        assertEquals((7 - 5.75) / Math.sqrt(0.75), a.transform(new double[] {7}, one)[1], 1e-12);
        // Many clips: the speaker's own statistics dominate (mean 20, sd 2 from 200 clips at 18 and 22).
        List<double[]> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new double[] {i % 2 == 0 ? 18 : 22});
        }
        double z = a.transform(new double[] {22}, GroupStatistics.of(1, many))[1];
        double mu = (200 * 20 + 3 * 5) / 203.0;
        double variance = (200 * 4 + 3 * 1) / 203.0;
        assertEquals((22 - mu) / Math.sqrt(variance), z, 1e-9);
        assertEquals(1.0, z, 0.15, "close to the speaker's own z-score, 1");
        // A missing value is the group's average (0) on the relative side, and stays missing for the model's scaler.
        double[] missing = a.transform(new double[] {Double.NaN}, one);
        assertTrue(Double.isNaN(missing[0]));
        assertEquals(0, missing[1]);

        Adaptation back = Json.read(Json.write(a), Adaptation.class);
        assertEquals(Adaptation.Method.RELATIVE, back.method());
        assertArrayEquals(a.transform(new double[] {7}, one), back.transform(new double[] {7}, one), 0);
        assertTrue(Json.write(a).contains("\"relative\""));
    }

    @Test
    void simulatedSessionsAdaptEveryRowAndAreReproducible() {
        // Three speakers of 40 rows each; within a speaker, the rows differ only by emotion (0.5 per class).
        int n = 120;
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        List<String> speakers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            rows[i] = new double[] {5 * (i % 3) + 0.5 * labels[i]};
            speakers.add("s" + (i % 3));
        }
        rows[7] = null;
        Adaptation a = Adaptation.relative(new double[][] {{0}, {1}, {5}, {6}}, List.of("a", "a", "b", "b"), 3);
        double[][] x = SessionMix.trainingRows(a, rows, speakers, labels, 9);
        double[][] again = SessionMix.trainingRows(a, rows, speakers, labels, 9);
        assertNull(x[7]);
        java.util.Set<Double> speakerZeroClassZero = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (i != 7) {
                assertEquals(rows[i][0], x[i][0], 0, "the vector itself is kept");
                assertArrayEquals(x[i], again[i], 0);
                if (i % 3 == 0 && labels[i] == 0) {
                    speakerZeroClassZero.add(x[i][1]);
                }
            }
        }
        // The same vector of one speaker is seen relative to several simulated sessions (chunks of 16 rows).
        assertTrue(speakerZeroClassZero.size() >= 2, speakerZeroClassZero.toString());
    }

    @Test
    void skewedAndBalancedSessionsHaveTheAskedMix() {
        List<Integer> members = new ArrayList<>();
        int[] labels = new int[70];
        for (int i = 0; i < 70; i++) {
            members.add(i);
            labels[i] = i < 40 ? 0 : 1 + i % 3; // 40 neutral, 30 spread over three others
        }
        List<Integer> skewed = AdaptationReport.skewed(members, labels, 0, new Random(2));
        long neutral = skewed.stream().filter(i -> labels[i] == 0).count();
        assertEquals(40, neutral);
        assertEquals(40 + 13, skewed.size(), "a third as many others as neutral clips (40/3, rounded)");
        List<Integer> balanced = AdaptationReport.balanced(members, labels, new Random(2));
        assertEquals(4 * 10, balanced.size());
        for (int c = 0; c < 4; c++) {
            final int cls = c;
            assertEquals(10, balanced.stream().filter(i -> labels[i] == cls).count());
        }
    }

    @Test
    void groupingsNameTheirGroupsAndRejectWhatDoesNotApply() {
        assertEquals(Grouping.FOLDER, Grouping.parse("folder", Grouping.allBut(Grouping.CORPUS)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Grouping.parse("corpus", Grouping.allBut(Grouping.CORPUS)));
        assertTrue(e.getMessage().contains("none") && e.getMessage().contains("folder"), e.getMessage());
        assertEquals(java.nio.file.Path.of("/a/b").toString(), Grouping.folderOf(java.nio.file.Path.of("/a/b/c.wav")));
    }
}

package org.ser4j.models.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.ser4j.features.FeatureSets;

class FeatureImportanceTest {
    private static final List<String> NAMES = List.of("mfcc_0_mean", "mfcc_1_mean", "chroma_stft_0_mean",
            "f0_semitones_mean");

    /** Two classes told apart by the first MFCC alone; the model reads nothing else. */
    private static double[][] clips(int n, int[] truth, Random random) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 2;
            x[i] = new double[] {truth[i] == 1 ? 1 + random.nextDouble() : -1 - random.nextDouble(),
                random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
        }
        return x;
    }

    @Test
    void shufflingTheGroupTheModelReadsCostsAccuracyAndTheOthersNothing() {
        Function<double[], double[]> model = v -> v[0] > 0 ? new double[] {0.1, 0.9} : new double[] {0.9, 0.1};
        FeatureImportance.Accumulator acc = new FeatureImportance.Accumulator(NAMES, 2, 2);
        Random random = new Random(3);
        for (int fold = 0; fold < 3; fold++) {
            int[] truth = new int[200];
            acc.addFold(model, clips(200, truth, random), truth, fold);
        }
        List<FeatureImportance> result = acc.result();
        assertEquals("MFCC", result.get(0).group());
        assertEquals(2, result.get(0).features());
        assertEquals(3, result.get(0).folds());
        // a shuffled sign is right half the time: UA falls from 1 to about 0.5
        assertEquals(0.5, result.get(0).uaDrop(), 0.12);
        for (FeatureImportance g : result.subList(1, result.size())) {
            assertEquals(0.0, g.uaDrop(), 0.0, g.group() + " is never read by the model");
        }
    }

    @Test
    void aGroupIsShuffledInEveryBlockOfAnAdaptedInput() {
        // inputs of [features, features relative to the speaker]: the model reads the relative MFCC only
        Function<double[], double[]> model = v -> v[4] > 0 ? new double[] {0, 1} : new double[] {1, 0};
        FeatureImportance.Accumulator acc = new FeatureImportance.Accumulator(NAMES, 2, 1);
        int[] truth = new int[300];
        double[][] x = clips(300, truth, new Random(5));
        double[][] doubled = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            doubled[i] = new double[8];
            System.arraycopy(x[i], 0, doubled[i], 0, 4);
            System.arraycopy(x[i], 0, doubled[i], 4, 4);
        }
        acc.addFold(model, doubled, truth, 1);
        assertEquals("MFCC", acc.result().get(0).group());
        assertTrue(acc.result().get(0).uaDrop() > 0.3, acc.result().toString());
    }

    @Test
    void everyFeatureOfTheShippedSetsFallsInANamedGroup() {
        for (String set : List.of("seed", "full", "egemaps")) {
            List<String> names = FeatureSets.extractor(FeatureSets.defaultSpec(set)).names();
            Map<String, int[]> groups = FeatureImportance.groups(names);
            assertTrue(!groups.containsKey("Other"), set + ": " + names.stream()
                    .filter(n -> FeatureImportance.groupOf(n).equals("Other")).toList());
        }
        assertEquals("Voice quality", FeatureImportance.groupOf("jitterLocal_sma3nz_amean"));
        assertEquals("Formants", FeatureImportance.groupOf("F2frequency_sma3nz_amean"));
        assertEquals("Pitch", FeatureImportance.groupOf("F0semitoneFrom27.5Hz_sma3nz_amean"));
        assertEquals("MFCC deltas", FeatureImportance.groupOf("mfcc_delta2_3_std"));
        assertEquals("Wavelets", FeatureImportance.groupOf("dwt_d1_entropy"));
    }
}

package org.ser4j.models.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded item-level bootstrap of accuracy and unweighted accuracy, with percentile intervals. */
final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * {@code resamples} draws of n items with replacement; returns {accuracies, unweighted accuracies}, each
     * sorted ascending.
     */
    static double[][] resample(int[] truth, int[] predicted, int classCount, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = truth.length;
        double[] accuracy = new double[resamples];
        double[] ua = new double[resamples];
        int[] t = new int[n];
        int[] p = new int[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                t[i] = truth[pick];
                p[i] = predicted[pick];
            }
            ConfusionMatrix m = new ConfusionMatrix(t, p, classCount);
            accuracy[r] = m.accuracy();
            ua[r] = m.unweightedAccuracy();
        }
        Arrays.sort(accuracy);
        Arrays.sort(ua);
        return new double[][] {accuracy, ua};
    }

    /** The q-quantile of ascending values, interpolating linearly between order statistics (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

package org.ser4j.models.calibration;

/**
 * Temperature scaling (Guo et al., 2017) applied to probabilities: {@code p_T ∝ p^(1/T)}, i.e. a softmax of
 * {@code log p / T}. T &gt; 1 softens over-confident models, T &lt; 1 sharpens under-confident ones; the ranking of
 * classes, hence every accuracy figure, is unchanged. The temperature is fitted by minimising the negative
 * log-likelihood on held-out predictions (out-of-fold predictions of speakers the model did not see).
 */
public final class TemperatureScaling {
    /** Floor for probabilities before the logarithm, so a hard 0 (a tree vote) stays finite. */
    static final double MIN_PROBABILITY = 1e-12;
    private static final double LOG_T_MIN = Math.log(0.05);
    private static final double LOG_T_MAX = Math.log(20);

    private TemperatureScaling() {
    }

    /** {@code probabilities} rescaled by temperature {@code t}; returns a new array summing to 1. */
    public static double[] apply(double[] probabilities, double t) {
        double[] logits = new double[probabilities.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.log(Math.max(probabilities[c], MIN_PROBABILITY)) / t;
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
        return logits;
    }

    /** Mean negative log-likelihood of the true classes after scaling by {@code t}. */
    public static double negativeLogLikelihood(double[][] probabilities, int[] truth, double t) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(Math.max(apply(probabilities[i], t)[truth[i]], MIN_PROBABILITY));
        }
        return sum / truth.length;
    }

    /**
     * The temperature in [0.05, 20] with the smallest negative log-likelihood. The likelihood is convex in 1/T,
     * hence unimodal in log T, so a golden-section search on log T finds the minimum.
     */
    public static double fit(double[][] probabilities, int[] truth) {
        if (truth.length == 0) {
            return 1.0;
        }
        double ratio = (Math.sqrt(5) - 1) / 2;
        double lo = LOG_T_MIN;
        double hi = LOG_T_MAX;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double fa = negativeLogLikelihood(probabilities, truth, Math.exp(a));
        double fb = negativeLogLikelihood(probabilities, truth, Math.exp(b));
        while (hi - lo > 1e-5) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - ratio * (hi - lo);
                fa = negativeLogLikelihood(probabilities, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + ratio * (hi - lo);
                fb = negativeLogLikelihood(probabilities, truth, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }
}

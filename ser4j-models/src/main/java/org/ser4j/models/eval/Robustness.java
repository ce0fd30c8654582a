package org.ser4j.models.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How a model's answers hold when the same clips come through another channel (a codec, a sample rate, a level,
 * telephone, noise): for each rendering, the unweighted accuracy of the rendered clips, how often their top class
 * equals the clean clip's, and the mean Jensen-Shannon divergence (log base 2, so in [0, 1]) between the two
 * probability vectors. Accumulate with {@link Accumulator}, one per rendering.
 *
 * @param rendering    what was done to the clips
 * @param n            clips compared
 * @param ua           unweighted accuracy of the rendered clips
 * @param cleanUa      unweighted accuracy of the same clips clean
 * @param agreement    share of clips whose top class is the clean clip's
 * @param meanJsd      mean Jensen-Shannon divergence from the clean clip's probabilities
 */
public record Robustness(String rendering, int n, double ua, double cleanUa, double agreement, double meanJsd) {

    /** Collects clean and rendered predictions of one rendering. */
    public static final class Accumulator {
        private final String rendering;
        private final int classes;
        private final List<Integer> truth = new ArrayList<>();
        private final List<Integer> clean = new ArrayList<>();
        private final List<Integer> rendered = new ArrayList<>();
        private double jsd;

        public Accumulator(String rendering, int classes) {
            this.rendering = rendering;
            this.classes = classes;
        }

        /** One clip: its true class and the clean and rendered probabilities. */
        public synchronized void add(int trueClass, double[] cleanP, double[] renderedP) {
            truth.add(trueClass);
            clean.add(argmax(cleanP));
            rendered.add(argmax(renderedP));
            jsd += jensenShannon(cleanP, renderedP);
        }

        public synchronized Robustness result() {
            int n = truth.size();
            int agree = 0;
            for (int i = 0; i < n; i++) {
                agree += clean.get(i).equals(rendered.get(i)) ? 1 : 0;
            }
            int[] t = truth.stream().mapToInt(Integer::intValue).toArray();
            return new Robustness(rendering, n,
                    n == 0 ? Double.NaN : new ConfusionMatrix(t, toArray(rendered), classes).unweightedAccuracy(),
                    n == 0 ? Double.NaN : new ConfusionMatrix(t, toArray(clean), classes).unweightedAccuracy(),
                    n == 0 ? Double.NaN : agree / (double) n, n == 0 ? Double.NaN : jsd / n);
        }

        private static int[] toArray(List<Integer> v) {
            return v.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Jensen-Shannon divergence of two probability vectors in bits (log base 2), so it lies in [0, 1]: 0 for equal
     * distributions, 1 for disjoint supports; zero probabilities contribute nothing (0 log 0 = 0).
     */
    public static double jensenShannon(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("distributions of " + p.length + " and " + q.length + " classes");
        }
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            d += term(p[i], m) + term(q[i], m);
        }
        // rounding can leave a hair below 0 for equal inputs or above 1 for disjoint ones
        return Math.max(0, Math.min(1, d / 2));
    }

    private static double term(double a, double m) {
        return a > 0 ? a * Math.log(a / m) / Math.log(2) : 0;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}

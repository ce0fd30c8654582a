package org.ser4j.models;

import java.util.List;
import org.ser4j.audio.Signal;
import org.ser4j.models.eval.Robustness;

/** The numbers the invariance suite compares answers and features with; pure functions, tested on their own. */
final class InvarianceMetrics {
    private InvarianceMetrics() {
    }

    /**
     * A prediction as a probability vector over the model's classes plus one last slot for "no speech": a
     * recording judged to hold no speech is all mass on that slot. So an answer that flips between an emotion and
     * "no speech" is as far as two answers can be (Jensen-Shannon divergence 1), and its top class differs.
     */
    static double[] outcome(Prediction p, List<String> classes) {
        double[] v = new double[classes.size() + 1];
        if (!p.speech()) {
            v[classes.size()] = 1;
            return v;
        }
        for (int c = 0; c < classes.size(); c++) {
            v[c] = p.allScores().get(classes.get(c));
        }
        return v;
    }

    /** Jensen-Shannon divergence in bits, as the training reports' robustness table measures it. */
    static double jensenShannon(double[] p, double[] q) {
        return Robustness.jensenShannon(p, q);
    }

    /**
     * Unweighted accuracy (mean per-class recall) over the items with a true class ({@code truth[i] >= 0});
     * classes without items are left out of the mean; a prediction of -1 ("no speech") is always wrong. NaN when
     * no item has a true class.
     */
    static double unweightedAccuracy(int[] truth, int[] predicted, int classes) {
        int[] support = new int[classes];
        int[] correct = new int[classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0) {
                continue;
            }
            support[truth[i]]++;
            if (predicted[i] == truth[i]) {
                correct[truth[i]]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (support[c] > 0) {
                sum += (double) correct[c] / support[c];
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /**
     * The clip's speech level as an RMS amplitude: the power mean of its 25 ms frames (10 ms hop) no more than
     * 40 dB below the loudest frame. A simple stand-in for ITU-T P.56's active speech level: the pauses of these
     * studio recordings lie further down and are left out, so the level does not depend on how much silence a
     * clip has.
     */
    static double speechLevel(Signal signal) {
        float[] y = signal.samples();
        int win = Math.max(1, (int) Math.round(0.025 * signal.sampleRate()));
        int hop = Math.max(1, (int) Math.round(0.010 * signal.sampleRate()));
        int frames = y.length <= win ? 1 : (y.length - win) / hop + 1;
        double[] power = new double[frames];
        double loudest = 0;
        for (int t = 0; t < frames; t++) {
            int from = t * hop;
            int to = Math.min(y.length, from + win);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += (double) y[i] * y[i];
            }
            power[t] = sum / Math.max(1, to - from);
            loudest = Math.max(loudest, power[t]);
        }
        double gate = loudest * 1e-4; // 40 dB below the loudest frame, in power
        double sum = 0;
        int active = 0;
        for (double p : power) {
            if (p >= gate && p > 0) {
                sum += p;
                active++;
            }
        }
        return active == 0 ? 0 : Math.sqrt(sum / active);
    }

    /** The plain RMS amplitude of a whole signal. */
    static double rms(Signal signal) {
        double sum = 0;
        for (float v : signal.samples()) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, signal.length()));
    }
}

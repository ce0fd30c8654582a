package org.ser4j.server.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Compares the emotions predicted over a rolling window of the last {@code window} predictions with the
 * distribution the model was trained on, as the Jensen-Shannon divergence (base 2, so 0 = identical, 1 =
 * disjoint). A rising value says the traffic no longer looks like the training data (or the model drifts).
 * Thread-safe.
 */
public final class DriftMonitor {
    private final List<String> classes;
    private final double[] reference;
    private final int[] ring;
    private final long[] counts;
    private int next;
    private int filled;

    /**
     * @param classes   the model's classes
     * @param reference the training distribution over {@code classes} (normalised here)
     * @param window    predictions in the rolling window
     */
    public DriftMonitor(List<String> classes, double[] reference, int window) {
        if (reference.length != classes.size()) {
            throw new IllegalArgumentException("reference has " + reference.length + " entries for "
                    + classes.size() + " classes");
        }
        this.classes = List.copyOf(classes);
        this.reference = normalise(reference);
        this.ring = new int[window];
        this.counts = new long[classes.size()];
    }

    /** Records one predicted emotion (ignored if it is not one of the classes). */
    public synchronized void record(String emotion) {
        int c = classes.indexOf(emotion);
        if (c < 0) {
            return;
        }
        if (filled == ring.length) {
            counts[ring[next]]--;
        } else {
            filled++;
        }
        ring[next] = c;
        counts[c]++;
        next = (next + 1) % ring.length;
    }

    /** Share of each class in the window (all 0 while it is empty). */
    public synchronized double[] windowDistribution() {
        double[] p = new double[counts.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = filled == 0 ? 0 : counts[c] / (double) filled;
        }
        return p;
    }

    /** Predictions currently in the window. */
    public synchronized int size() {
        return filled;
    }

    /** JS divergence between the window and the training distribution; NaN while the window is empty. */
    public double divergence() {
        double[] p;
        synchronized (this) {
            if (filled == 0) {
                return Double.NaN;
            }
            p = windowDistribution();
        }
        return jensenShannon(p, reference);
    }

    public double[] reference() {
        return reference.clone();
    }

    /** JS divergence in bits of two distributions over the same classes. */
    public static double jensenShannon(double[] p, double[] q) {
        double js = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            js += term(p[i], m) / 2 + term(q[i], m) / 2;
        }
        return Math.max(0, Math.min(1, js));
    }

    private static double term(double a, double m) {
        return a > 0 ? a * Math.log(a / m) / Math.log(2) : 0;
    }

    private static double[] normalise(double[] v) {
        double sum = Arrays.stream(v).sum();
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the reference distribution is empty");
        }
        return Arrays.stream(v).map(x -> x / sum).toArray();
    }
}

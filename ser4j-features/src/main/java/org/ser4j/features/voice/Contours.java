package org.ser4j.features.voice;

import java.util.Arrays;

/**
 * Operations on frame-level contours (one value per frame) that the eGeMAPS functionals need: the 3-frame
 * moving-average smoothing ("sma3", and "sma3nz" over voiced frames only), rising and falling slopes, peak
 * counting and voiced/unvoiced segment lengths. A NaN in a contour marks a frame where the descriptor is undefined
 * (e.g. an unvoiced frame for F0). All methods are pure.
 */
public final class Contours {
    private Contours() {
    }

    /**
     * Symmetric 3-frame moving average over the frames where {@code include} is true and the value is finite
     * (openSMILE's "sma3nz" when include = voiced; "sma3" when include is all true): each included frame becomes
     * the mean of the included finite values among itself and its two neighbours. Other frames become NaN.
     */
    public static double[] sma3(double[] x, boolean[] include) {
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            if (!usable(x, include, t)) {
                out[t] = Double.NaN;
                continue;
            }
            double sum = x[t];
            int n = 1;
            if (t > 0 && usable(x, include, t - 1)) {
                sum += x[t - 1];
                n++;
            }
            if (t + 1 < x.length && usable(x, include, t + 1)) {
                sum += x[t + 1];
                n++;
            }
            out[t] = sum / n;
        }
        return out;
    }

    /** {@link #sma3(double[], boolean[])} over every finite frame. */
    public static double[] sma3(double[] x) {
        boolean[] all = new boolean[x.length];
        Arrays.fill(all, true);
        return sma3(x, all);
    }

    private static boolean usable(double[] x, boolean[] include, int t) {
        return include[t] && Double.isFinite(x[t]);
    }

    /**
     * Slopes of the rising and falling parts of a contour, in units per second. A part is a maximal run of
     * strictly rising (or strictly falling) consecutive finite values; its slope is (end value − start value) /
     * duration. Plateaus and NaN frames separate parts. Falling slopes are given as magnitudes (&ge; 0).
     *
     * @return {mean rising, stddev rising, mean falling, stddev falling}; NaN where there is no such part
     */
    public static double[] risingFallingSlopes(double[] x, double frameStepS) {
        double sumR = 0;
        double sumRR = 0;
        int nR = 0;
        double sumF = 0;
        double sumFF = 0;
        int nF = 0;
        int i = 0;
        while (i < x.length - 1) {
            double d = Math.signum(x[i + 1] - x[i]); // NaN when either is NaN
            if (!(d != 0) || Double.isNaN(d)) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < x.length - 1 && Math.signum(x[j + 1] - x[j]) == d) {
                j++;
            }
            double slope = Math.abs(x[j] - x[i]) / ((j - i) * frameStepS);
            if (d > 0) {
                sumR += slope;
                sumRR += slope * slope;
                nR++;
            } else {
                sumF += slope;
                sumFF += slope * slope;
                nF++;
            }
            i = j;
        }
        return new double[] {mean(sumR, nR), stddev(sumR, sumRR, nR), mean(sumF, nF), stddev(sumF, sumFF, nF)};
    }

    /**
     * Number of peaks of a contour by hysteresis: a peak counts once the contour has risen at least {@code delta}
     * above the preceding minimum and then fallen at least {@code delta} below the peak (Billauer's "peakdet").
     * Small ripples therefore do not count. NaN frames are skipped.
     */
    public static int peakCount(double[] x, double delta) {
        int peaks = 0;
        boolean lookingForMax = false;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            if (Double.isNaN(v)) {
                continue;
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
            if (lookingForMax && v < max - delta) {
                peaks++;
                min = v;
                lookingForMax = false;
            } else if (!lookingForMax && v > min + delta) {
                max = v;
                lookingForMax = true;
            }
        }
        return peaks;
    }

    /**
     * Lengths in seconds of the voiced segments (maximal runs of voiced frames), or, with {@code voicedRuns}
     * false, of the unvoiced segments lying between two voiced ones (pauses; leading and trailing silence is not
     * a pause).
     */
    public static double[] segmentLengths(boolean[] voiced, double frameStepS, boolean voicedRuns) {
        int first = 0;
        int last = voiced.length - 1;
        if (!voicedRuns) {
            while (first < voiced.length && !voiced[first]) {
                first++;
            }
            while (last >= 0 && !voiced[last]) {
                last--;
            }
        }
        double[] lengths = new double[voiced.length];
        int n = 0;
        int t = first;
        while (t <= last) {
            if (voiced[t] != voicedRuns) {
                t++;
                continue;
            }
            int start = t;
            while (t <= last && voiced[t] == voicedRuns) {
                t++;
            }
            lengths[n++] = (t - start) * frameStepS;
        }
        return Arrays.copyOf(lengths, n);
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double stddev(double sum, double sumSq, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double m = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - m * m));
    }
}

package org.ser4j.features.wavelet;

import java.util.ArrayList;
import java.util.List;

/**
 * Utterance-level statistics of a wavelet decomposition, {@code Dwt.wavedec(signal, wavelet, level)}
 * (PyWavelets' {@code pywt.wavedec}, mode 'symmetric'), per level in PyWavelets' order: the approximation
 * {@code a<level>}, then the details {@code d<level>} ... {@code d1}. For each level's coefficients {@code c}
 * (length {@code m}), five values, in this order:
 * <ul>
 *   <li>{@code energy}: mean square, {@code sum(c^2) / m} (linear, not log, so silence is 0);</li>
 *   <li>{@code relative_energy}: that level's share of the sum of squares of all levels, {@code sum(c^2) /
 *       sum over levels of sum(c^2)} (the levels sum to 1; an orthogonal wavelet roughly preserves the signal's
 *       energy);</li>
 *   <li>{@code entropy}: Shannon entropy in nats of {@code p = c^2 / sum(c^2)}, {@code -sum p ln p} with
 *       {@code 0 ln 0 = 0} (0 when the energy is one coefficient, {@code ln m} when spread evenly);</li>
 *   <li>{@code mean_abs}: {@code sum |c| / m};</li>
 *   <li>{@code std}: population standard deviation ({@code numpy.std}, ddof 0).</li>
 * </ul>
 * Names are {@code dwt_<level>_<statistic>}, e.g. {@code dwt_a5_energy}, {@code dwt_d1_entropy}.
 *
 * <p>Silence (all-zero input) gives 0 for every value, never NaN: shares and entropies of zero energy are 0.
 *
 * <p>A signal too short for {@code level} levels is decomposed at {@link Dwt#effectiveLevel} (clamped, as
 * {@link Dwt#wavedec}); the approximation slot {@code a<level>} then holds the deepest approximation reached and
 * the unreached detail levels are all 0, so the values always match {@link #names}. A signal too short for one
 * level is refused. Defaults: {@value #DEFAULT_WAVELET}, level {@value #DEFAULT_LEVEL}. Pure and thread-safe.
 */
public final class WaveletStatistics {
    /** Default wavelet (Daubechies 4, 8 taps), a common choice for speech. */
    public static final String DEFAULT_WAVELET = "db4";
    /** Default level: at 16 kHz the details span 4-8, 2-4, 1-2, 0.5-1, 0.25-0.5 kHz and a5 the band below. */
    public static final int DEFAULT_LEVEL = 5;

    /** The per-level statistics, in output order. */
    public static final List<String> STATISTICS = List.of("energy", "relative_energy", "entropy", "mean_abs", "std");

    private WaveletStatistics() {
    }

    /** Level labels in PyWavelets' order: {@code a<level>, d<level>, ..., d1}. */
    public static List<String> levelLabels(int level) {
        if (level < 1) {
            throw new IllegalArgumentException("wavelet decomposition level must be at least 1, got " + level);
        }
        List<String> out = new ArrayList<>(level + 1);
        out.add("a" + level);
        for (int k = level; k >= 1; k--) {
            out.add("d" + k);
        }
        return out;
    }

    /** The names of {@link #values}, {@code (level + 1) * 5} of them: {@code dwt_a5_energy, ..., dwt_d1_std}. */
    public static List<String> names(int level) {
        List<String> out = new ArrayList<>();
        for (String label : levelLabels(level)) {
            for (String stat : STATISTICS) {
                out.add("dwt_" + label + "_" + stat);
            }
        }
        return out;
    }

    /**
     * The statistics of {@code signal}'s decomposition, in the order of {@link #names}.
     *
     * @throws IllegalArgumentException if {@code level < 1} or the signal is too short for one level
     */
    public static double[] values(double[] signal, Wavelet wavelet, int level) {
        double[][] coeffs = Dwt.wavedec(signal, wavelet, level);
        int reached = coeffs.length - 1;
        double total = 0;
        for (double[] c : coeffs) {
            total += sumOfSquares(c);
        }
        int n = STATISTICS.size();
        double[] out = new double[(level + 1) * n];
        levelStatistics(coeffs[0], total, out, 0);
        // coeffs[j] is d<reached+1-j>; its slot in the output is that of d<k> among a<level>, d<level> ... d1
        for (int j = 1; j <= reached; j++) {
            int k = reached + 1 - j;
            levelStatistics(coeffs[j], total, out, (level + 1 - k) * n);
        }
        return out;
    }

    /** Mean square of {@code c}, the {@code energy} statistic. */
    public static double energy(double[] c) {
        return sumOfSquares(c) / c.length;
    }

    private static void levelStatistics(double[] c, double total, double[] out, int at) {
        double sumSq = sumOfSquares(c);
        double sumAbs = 0;
        double sum = 0;
        for (double v : c) {
            sumAbs += Math.abs(v);
            sum += v;
        }
        double mean = sum / c.length;
        double dev = 0;
        for (double v : c) {
            dev += (v - mean) * (v - mean);
        }
        double entropy = 0;
        if (sumSq > 0) {
            for (double v : c) {
                double p = v * v / sumSq;
                if (p > 0) {
                    entropy -= p * Math.log(p);
                }
            }
        }
        out[at] = sumSq / c.length;
        out[at + 1] = total > 0 ? sumSq / total : 0;
        out[at + 2] = entropy;
        out[at + 3] = sumAbs / c.length;
        out[at + 4] = Math.sqrt(dev / c.length);
    }

    private static double sumOfSquares(double[] c) {
        double s = 0;
        for (double v : c) {
            s += v * v;
        }
        return s;
    }
}

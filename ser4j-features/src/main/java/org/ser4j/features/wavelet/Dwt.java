package org.ser4j.features.wavelet;

/**
 * Discrete wavelet transform with PyWavelets' conventions ({@code pywt.dwt}, {@code pywt.wavedec},
 * {@code pywt.dwt_max_level}), signal extension mode {@code 'symmetric'} (PyWavelets' default).
 *
 * <p>One level filters the signal with {@code dec_lo} and {@code dec_hi} and keeps every second output:
 * {@code cA[o] = sum_j dec_lo[j] * x[e(2o + 1 - j)]} (likewise {@code cD} with {@code dec_hi}) for
 * {@code o < floor((N + L - 1) / 2)}, where {@code e} extends the signal half-sample symmetrically
 * ({@code ... x1 x0 | x0 x1 ... x(N-1) | x(N-1) x(N-2) ...}), repeating the reflection when the filter is longer
 * than the signal, as PyWavelets does. {@link #wavedec} repeats this on the approximation and returns
 * {@code [cA_n, cD_n, ..., cD_1]}, PyWavelets' order.
 *
 * <p>Levels: {@link #maxLevel} is {@code pywt.dwt_max_level}. Where PyWavelets only warns about a level above it
 * (and returns coefficients dominated by boundary effects), {@link #wavedec} clamps the level to the maximum, and
 * refuses a signal too short for even one level ({@code maxLevel == 0}, i.e. fewer than {@code 2(L - 1)}
 * samples). Single-level {@link #dwt} takes any non-empty signal, as {@code pywt.dwt} does.
 *
 * <p>All static methods are pure and thread-safe; {@link Decomposer} reuses its buffers and is not.
 */
public final class Dwt {
    private Dwt() {
    }

    /** Coefficients per level for {@code n} input samples: {@code floor((n + L - 1) / 2)} (pywt.dwt_coeff_len). */
    public static int outputLength(int n, Wavelet wavelet) {
        return (n + wavelet.length() - 1) / 2;
    }

    /**
     * {@code pywt.dwt_max_level(n, wavelet)}: {@code floor(log2(n / (L - 1)))}, 0 when {@code n < L - 1}. The
     * deepest level at which the filter still fits the approximation without boundary effects dominating.
     */
    public static int maxLevel(int n, Wavelet wavelet) {
        int span = wavelet.length() - 1;
        if (n < span) {
            return 0;
        }
        return 31 - Integer.numberOfLeadingZeros(n / span);
    }

    /**
     * The level {@link #wavedec} uses for {@code n} samples when {@code level} is asked for: {@code level}, clamped
     * to {@link #maxLevel}.
     *
     * @throws IllegalArgumentException if {@code level < 1}, or if {@code n} is too short for one level
     */
    public static int effectiveLevel(int n, Wavelet wavelet, int level) {
        if (level < 1) {
            throw new IllegalArgumentException("wavelet decomposition level must be at least 1, got " + level);
        }
        int max = maxLevel(n, wavelet);
        if (max == 0) {
            throw new IllegalArgumentException("a signal of " + n + " samples is too short for one level of "
                    + wavelet + " (needs at least " + 2 * (wavelet.length() - 1) + " samples)");
        }
        return Math.min(level, max);
    }

    /**
     * One level, {@code pywt.dwt(x, wavelet, mode='symmetric')}.
     *
     * @return {@code {cA, cD}}, each of {@link #outputLength} values
     * @throws IllegalArgumentException for an empty signal
     */
    public static double[][] dwt(double[] x, Wavelet wavelet) {
        if (x.length == 0) {
            throw new IllegalArgumentException("cannot transform an empty signal");
        }
        int len = outputLength(x.length, wavelet);
        double[] cA = new double[len];
        double[] cD = new double[len];
        step(x, 0, x.length, wavelet, cA, cD);
        return new double[][] {cA, cD};
    }

    /**
     * Multi-level decomposition, {@code pywt.wavedec(x, wavelet, mode='symmetric', level)}, with the level clamped
     * to {@link #maxLevel} (see the class comment).
     *
     * @return {@code [cA_n, cD_n, ..., cD_1]} with {@code n = effectiveLevel(x.length, wavelet, level)}
     * @throws IllegalArgumentException if {@code level < 1} or the signal is too short for one level
     */
    public static double[][] wavedec(double[] x, Wavelet wavelet, int level) {
        return new Decomposer(x.length, wavelet, effectiveLevel(x.length, wavelet, level)).decompose(x, 0);
    }

    /** {@code pywt.wavedec} with its default {@code level=None}: {@link #maxLevel} levels. */
    public static double[][] wavedec(double[] x, Wavelet wavelet) {
        return wavedec(x, wavelet, Math.max(1, maxLevel(x.length, wavelet)));
    }

    /**
     * A decomposition of many segments of one length (e.g. frames) into buffers allocated once. Each call of
     * {@link #decompose} overwrites and returns the same arrays. Not thread-safe; use one per thread.
     */
    public static final class Decomposer {
        private final Wavelet wavelet;
        private final int n;
        private final double[][] coeffs;
        private final double[] scratchA;
        private final double[] scratchB;

        /**
         * @param n     samples per segment
         * @param level levels, exactly (no clamping here; at least 1)
         */
        public Decomposer(int n, Wavelet wavelet, int level) {
            if (n < 1 || level < 1) {
                throw new IllegalArgumentException("a decomposition needs n >= 1 and level >= 1, got n=" + n
                        + " level=" + level);
            }
            this.wavelet = wavelet;
            this.n = n;
            this.coeffs = new double[level + 1][];
            int len = n;
            int longest = 0; // approximations grow where the filter is longer than the signal
            for (int k = 1; k <= level; k++) {
                len = outputLength(len, wavelet);
                coeffs[level + 1 - k] = new double[len];
                longest = Math.max(longest, len);
            }
            coeffs[0] = new double[len];
            this.scratchA = new double[longest];
            this.scratchB = new double[longest];
        }

        /** Number of levels. */
        public int level() {
            return coeffs.length - 1;
        }

        /** Decomposes {@code x[from, from + n)}; returns {@code [cA_n, cD_n, ..., cD_1]} (reused arrays). */
        public double[][] decompose(double[] x, int from) {
            int level = level();
            double[] in = x;
            int inFrom = from;
            int len = n;
            for (int k = 1; k <= level; k++) {
                double[] approx = k == level ? coeffs[0] : (k % 2 == 1 ? scratchA : scratchB);
                step(in, inFrom, len, wavelet, approx, coeffs[level + 1 - k]);
                in = approx;
                inFrom = 0;
                len = outputLength(len, wavelet);
            }
            return coeffs;
        }
    }

    /** One level on {@code x[from, from + n)} into {@code cA} and {@code cD} (each at least outputLength long). */
    private static void step(double[] x, int from, int n, Wavelet wavelet, double[] cA, double[] cD) {
        double[] lo = wavelet.lo();
        double[] hi = wavelet.hi();
        int filterLength = lo.length;
        int outLen = (n + filterLength - 1) / 2;
        for (int o = 0; o < outLen; o++) {
            int i = 2 * o + 1;
            double a = 0;
            double d = 0;
            if (i - filterLength + 1 >= 0 && i < n) {
                int base = from + i;
                for (int j = 0; j < filterLength; j++) {
                    double v = x[base - j];
                    a += lo[j] * v;
                    d += hi[j] * v;
                }
            } else {
                for (int j = 0; j < filterLength; j++) {
                    double v = x[from + symmetricIndex(i - j, n)];
                    a += lo[j] * v;
                    d += hi[j] * v;
                }
            }
            cA[o] = a;
            cD[o] = d;
        }
    }

    /** Half-sample symmetric extension (period 2n): -1 maps to 0, n maps to n - 1. */
    private static int symmetricIndex(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }
}

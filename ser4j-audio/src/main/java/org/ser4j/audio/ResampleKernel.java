package org.ser4j.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * resampy's band-limited sinc interpolation ({@code resampy.interpn.resample_f_s}) for one rate pair and filter,
 * with the filter weights precomputed per output phase.
 *
 * <p>For the rate ratio {@code srOut/srIn = up/down} (reduced), output sample {@code t} sits at input time
 * {@code t*down/up} = integer part {@code n} plus phase {@code p/up}; only {@code up} distinct phases occur, so the
 * interpolated weights of each phase are computed once, exactly as resampy computes them per sample
 * ({@code weight = win[offset + i*index_step] + eta * delta[offset + i*index_step]}). resampy derives the time of
 * output {@code t} as {@code t * (1/ratio)} in floating point; here the phase is exact, which moves results by
 * rounding only (~1e-12 relative). When the table would be too large (a pathological rate pair) the weights are
 * computed per output sample instead.
 *
 * <p>Immutable and thread-safe; instances are cached per (srIn, srOut, filter).
 */
final class ResampleKernel {
    /** Largest table kept in memory, in doubles (16 MB). */
    private static final int MAX_TABLE_ENTRIES = 1 << 21;
    private static final int MAX_CACHED = 32;
    private static final Map<String, ResampleKernel> CACHE = new ConcurrentHashMap<>();
    private static final Map<SincFilter, double[]> WINDOWS = new ConcurrentHashMap<>();

    final int srIn;
    final int srOut;
    /** srOut / gcd: the number of output phases. */
    final int up;
    /** srIn / gcd. */
    final int down;
    /** Most taps any phase uses on the left (x[n], x[n-1], ...) and on the right (x[n+1], ...). */
    final int maxLeft;
    final int maxRight;

    private final double[] win;
    private final double[] delta;
    private final int indexStep;
    private final double scale;
    private final int numTable;
    /** Per-phase weights, or null when computed on the fly. */
    private final double[][] leftTable;
    private final double[][] rightTable;

    private ResampleKernel(int srIn, int srOut, SincFilter filter) {
        this.srIn = srIn;
        this.srOut = srOut;
        int g = gcd(srIn, srOut);
        this.up = srOut / g;
        this.down = srIn / g;
        double sampleRatio = (double) srOut / srIn;
        this.scale = Math.min(1.0, sampleRatio);
        this.numTable = filter.numTable();
        double[] base = WINDOWS.computeIfAbsent(filter, SincFilter::halfWindow);
        // Downsampling: resampy scales the filter by the ratio (a lower cut-off keeps unit DC gain).
        double[] w = base.clone();
        if (sampleRatio < 1) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= sampleRatio;
            }
        }
        this.win = w;
        // np.diff(interp_win, append=interp_win[-1]): the last difference is 0.
        this.delta = new double[w.length];
        for (int i = 0; i + 1 < w.length; i++) {
            delta[i] = w[i + 1] - w[i];
        }
        this.indexStep = (int) (scale * numTable);
        this.maxLeft = w.length / indexStep + 1;
        this.maxRight = w.length / indexStep + 1;
        if ((long) up * (maxLeft + maxRight) <= MAX_TABLE_ENTRIES) {
            leftTable = new double[up][];
            rightTable = new double[up][];
            for (int p = 0; p < up; p++) {
                leftTable[p] = weights(leftFrac(p));
                rightTable[p] = weights(scale - leftFrac(p));
            }
        } else {
            leftTable = null;
            rightTable = null;
        }
    }

    /** The kernel for a rate pair and filter (cached). */
    static ResampleKernel of(int srIn, int srOut, SincFilter filter) {
        String key = srIn + ">" + srOut + ":" + filter.name();
        ResampleKernel k = CACHE.get(key);
        if (k == null) {
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            k = CACHE.computeIfAbsent(key, x -> new ResampleKernel(srIn, srOut, filter));
        }
        return k;
    }

    /** Outputs resampy computes for n inputs: floor(n * srOut / srIn). */
    long computedLength(long nIn) {
        return nIn * up / down;
    }

    /** librosa's output length with {@code fix=True}: ceil(n * srOut / srIn); samples past {@link #computedLength} are 0. */
    long outputLength(long nIn) {
        return (nIn * up + down - 1) / down;
    }

    /** Index of the input sample at or before output t: floor(t * srIn / srOut). */
    long inputIndex(long t) {
        return t * down / up;
    }

    /**
     * Output sample {@code t}.
     *
     * @param buf      input samples {@code [bufStart, bufStart + buf.length)} (must hold every tap that exists)
     * @param bufStart absolute index of {@code buf[0]}
     * @param nTotal   total input length; taps past it are left out, as resampy does at the signal's end
     */
    double sample(long t, double[] buf, long bufStart, long nTotal) {
        long tm = t * down;
        long n = tm / up;
        int phase = (int) (tm % up);
        double[] wl;
        double[] wr;
        if (leftTable != null) {
            wl = leftTable[phase];
            wr = rightTable[phase];
        } else {
            wl = weights(leftFrac(phase));
            wr = weights(scale - leftFrac(phase));
        }
        int iMax = (int) Math.min(n + 1, wl.length);
        int kMax = (int) Math.max(0, Math.min(nTotal - n - 1, wr.length));
        int base = (int) (n - bufStart);
        double acc = 0;
        for (int i = 0; i < iMax; i++) {
            acc += wl[i] * buf[base - i];
        }
        int right = base + 1;
        for (int k = 0; k < kMax; k++) {
            acc += wr[k] * buf[right + k];
        }
        return acc;
    }

    /** resampy's {@code frac = scale * (time_register - n)} for an exact phase p / up. */
    private double leftFrac(int phase) {
        return scale * ((double) phase / up);
    }

    /** Interpolated filter taps starting at fractional table position {@code frac * num_table}, step index_step. */
    private double[] weights(double frac) {
        double indexFrac = frac * numTable;
        int offset = (int) indexFrac;
        double eta = indexFrac - offset;
        int count = Math.max(0, (win.length - offset) / indexStep);
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            int j = offset + i * indexStep;
            w[i] = win[j] + eta * delta[j];
        }
        return w;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}

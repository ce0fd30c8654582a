package org.ser4j.features.pitch;

import java.util.concurrent.ConcurrentHashMap;

/**
 * pYIN's hidden Markov model and its Viterbi decoder, exploiting the banded transition matrix.
 *
 * <p>States 0..n-1 are voiced pitch bins, n..2n-1 the unvoiced twins of the same bins. librosa builds the dense
 * matrix {@code kron(transition_loop(2, 1 - switch_prob), transition_local(n, width, window='triangle',
 * wrap=False))} and decodes with {@code sequence.viterbi}, which works on {@code log(matrix + tiny)}. Here only the
 * band |i - j| &le; width/2 of each block is stored; entries outside it are exactly librosa's log(tiny). For each
 * target state the in-band best predecessor is exact whenever it beats (global best + log(tiny)); otherwise (rare)
 * that state falls back to the dense scan, so the decoded path, tie-breaking included (numpy's argmax takes the
 * first maximum), is the dense one. Instances are immutable and cached per (n, width, switch_prob).
 */
final class PitchHmm {
    /** log(0 + tiny): librosa's log-probability of an impossible event. */
    static final double LOG_ZERO = Math.log(YinCore.TINY);

    private static final ConcurrentHashMap<String, PitchHmm> CACHE = new ConcurrentHashMap<>();

    /** Supplies the log observation probabilities of frame t, one per state (length 2n). */
    interface LogObservations {
        void fill(int t, double[] logProb);
    }

    final int nBins;
    /** For target bin j: predecessors are bins lo[j] .. lo[j] + len[j] - 1 (in either block). */
    private final int[] lo;
    private final int[] len;
    /** log(stay * T[k][j] + tiny) and log(switch * T[k][j] + tiny) for k = lo[j] + o. */
    private final double[][] logStay;
    private final double[][] logSwitch;

    private PitchHmm(int nBins, int width, double switchProb) {
        if (nBins < 2) {
            throw new IllegalArgumentException("pyin needs at least 2 pitch bins, got " + nBins
                    + " (fmax too close to fmin)");
        }
        if (width > nBins) {
            throw new IllegalArgumentException("transition width " + width + " exceeds the " + nBins
                    + " pitch bins (fmax too close to fmin for this max_transition_rate and hop)");
        }
        this.nBins = nBins;
        double[][] local = transitionLocal(nBins, width);
        // transition_loop(2, 1 - switch_prob): stay on the diagonal, (1 - stay) / (2 - 1) off it.
        double stay = 1 - switchProb;
        double change = (1.0 - stay) / (2 - 1);
        int half = width / 2;
        lo = new int[nBins];
        len = new int[nBins];
        logStay = new double[nBins][];
        logSwitch = new double[nBins][];
        for (int j = 0; j < nBins; j++) {
            lo[j] = Math.max(0, j - half);
            int hi = Math.min(nBins - 1, j + half);
            len[j] = hi - lo[j] + 1;
            logStay[j] = new double[len[j]];
            logSwitch[j] = new double[len[j]];
            for (int o = 0; o < len[j]; o++) {
                int k = lo[j] + o;
                double t = local[k][j - Math.max(0, k - half)];
                logStay[j][o] = Math.log(stay * t + YinCore.TINY);
                logSwitch[j][o] = Math.log(change * t + YinCore.TINY);
            }
        }
    }

    static PitchHmm of(int nBins, int width, double switchProb) {
        return CACHE.computeIfAbsent(nBins + "/" + width + "/" + switchProb,
                k -> new PitchHmm(nBins, width, switchProb));
    }

    /**
     * librosa's {@code sequence.transition_local(n, width, window='triangle', wrap=False)}: row i is a symmetric
     * triangle window centred on i, cut off at the edges, each row divided by its (numpy pairwise) sum. Only the
     * band is returned: {@code rows[i][o]} is entry (i, max(0, i - width/2) + o); everything else is zero.
     */
    static double[][] transitionLocal(int n, int width) {
        double[] window = triangle(width);
        int lpad = (n - width) / 2; // util.pad_center
        double[][] rows = new double[n][];
        double[] full = new double[n];
        for (int i = 0; i < n; i++) {
            int shift = n / 2 + i + 1; // np.roll
            int from = Math.max(0, i - width / 2);
            int to = Math.min(n, i + width / 2 + 1);
            java.util.Arrays.fill(full, 0.0);
            for (int j = from; j < to; j++) {
                int p = Math.floorMod(j - shift, n) - lpad;
                full[j] = p >= 0 && p < width ? window[p] : 0.0;
            }
            double sum = pairwiseSum(full, 0, n);
            rows[i] = new double[to - from];
            for (int j = from; j < to; j++) {
                rows[i][j - from] = full[j] / sum;
            }
        }
        return rows;
    }

    /** scipy.signal.windows.triang(m, sym=True). */
    static double[] triangle(int m) {
        double[] w = new double[m];
        if (m <= 1) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int half = (m + 1) / 2;
        for (int k = 1; k <= half; k++) {
            double v = m % 2 == 0 ? (2 * k - 1.0) / m : 2 * k / (m + 1.0);
            w[k - 1] = v;
            w[m - k] = v;
        }
        return w;
    }

    /** numpy's pairwise summation (blocks of 8 accumulators up to 128, halving above), so row sums match. */
    static double pairwiseSum(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= 128) {
            double[] r = new double[8];
            System.arraycopy(a, off, r, 0, 8);
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int k = 0; k < 8; k++) {
                    r[k] += a[off + i + k];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
    }

    /**
     * Most likely state sequence (librosa {@code sequence.viterbi} on this model).
     *
     * @param nFrames number of frames
     * @param obs     log observation probabilities per frame
     * @param logInit log initial probabilities per state (length 2n)
     */
    int[] decode(int nFrames, LogObservations obs, double[] logInit) {
        int n = nBins;
        int nStates = 2 * n;
        double[] prev = new double[nStates];
        double[] cur = new double[nStates];
        double[] logProb = new double[nStates];
        int[] ptr = new int[nFrames * nStates];
        int[] states = new int[nFrames];
        if (nFrames == 0) {
            return states;
        }
        obs.fill(0, logProb);
        for (int j = 0; j < nStates; j++) {
            prev[j] = logProb[j] + logInit[j];
        }
        for (int t = 1; t < nFrames; t++) {
            obs.fill(t, logProb);
            double globalBest = Double.NEGATIVE_INFINITY;
            for (double v : prev) {
                globalBest = Math.max(globalBest, v);
            }
            // No out-of-band predecessor (log(tiny) transition) can score above this.
            double outOfBandBound = globalBest + LOG_ZERO;
            int base = t * nStates;
            for (int j = 0; j < nStates; j++) {
                boolean voiced = j < n;
                int bin = voiced ? j : j - n;
                int from = lo[bin];
                int count = len[bin];
                double[] fromVoiced = voiced ? logStay[bin] : logSwitch[bin];
                double[] fromUnvoiced = voiced ? logSwitch[bin] : logStay[bin];
                double best = Double.NEGATIVE_INFINITY;
                int arg = -1;
                // Voiced predecessors have lower indices than unvoiced ones: scanning them first with a strict '>'
                // keeps numpy's first-maximum tie-breaking.
                for (int o = 0; o < count; o++) {
                    double c = prev[from + o] + fromVoiced[o];
                    if (c > best) {
                        best = c;
                        arg = from + o;
                    }
                }
                int uFrom = n + from;
                for (int o = 0; o < count; o++) {
                    double c = prev[uFrom + o] + fromUnvoiced[o];
                    if (c > best) {
                        best = c;
                        arg = uFrom + o;
                    }
                }
                if (!(outOfBandBound < best)) {
                    arg = denseArgmax(prev, j);
                    best = prev[arg] + logTransition(arg, j);
                }
                ptr[base + j] = arg;
                cur[j] = logProb[j] + best;
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
        }
        int last = 0;
        for (int j = 1; j < nStates; j++) {
            if (prev[j] > prev[last]) {
                last = j;
            }
        }
        states[nFrames - 1] = last;
        for (int t = nFrames - 2; t >= 0; t--) {
            states[t] = ptr[(t + 1) * nStates + states[t + 1]];
        }
        return states;
    }

    /** Dense argmax over every predecessor k of value[k] + log(transition[k][j] + tiny). */
    private int denseArgmax(double[] prev, int j) {
        int arg = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < prev.length; k++) {
            double c = prev[k] + logTransition(k, j);
            if (c > best) {
                best = c;
                arg = k;
            }
        }
        return arg;
    }

    /** log(transition[k][j] + tiny) of the full 2n-state matrix. */
    private double logTransition(int k, int j) {
        int n = nBins;
        int kBin = k < n ? k : k - n;
        int jBin = j < n ? j : j - n;
        int o = kBin - lo[jBin];
        if (o < 0 || o >= len[jBin]) {
            return LOG_ZERO;
        }
        return (k < n) == (j < n) ? logStay[jBin][o] : logSwitch[jBin][o];
    }
}

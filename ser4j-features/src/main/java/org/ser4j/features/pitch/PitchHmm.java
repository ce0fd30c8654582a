package org.ser4j.features.pitch;

import java.util.concurrent.ConcurrentHashMap;

/**
 * pYIN's hidden Markov model and its Viterbi decoder, exploiting the structure of the transition matrix.
 *
 * <p>States 0..n-1 are voiced pitch bins, n..2n-1 the unvoiced twins of the same bins. librosa builds the dense
 * matrix {@code kron(transition_loop(2, 1 - switch_prob), transition_local(n, width, window='triangle',
 * wrap=False))} and decodes with {@code sequence.viterbi}, which works on {@code log(matrix + tiny)}. Here only the
 * band of each block where the triangle is non-zero is stored; entries outside it are exactly librosa's log(tiny).
 *
 * <p>Each frame's best predecessors come from four max-plus products (voiced and unvoiced sources into voiced and
 * unvoiced targets). Within the band, log T[k][j] = log(triangle(j - k)) - log(row sum of k) + log(stay or
 * switch): a concave function of j - k plus a term of the source alone, so the matrix of candidate scores
 * prev[k] + log T[k][j] is Monge and the first (leftmost) best source never moves left as the target moves right.
 * {@link #bestInBand} uses that to search in O((n + width) log n) instead of n x width. The concavity margin
 * (second differences of the log-triangle, at least about 1/width&sup2;) is many orders above double rounding, so
 * the search finds exactly the candidate a full scan finds, ties included (numpy's argmax takes the first maximum).
 * An in-band best that does not beat (global best + log(tiny)) falls back to the dense scan, so the decoded path is
 * the dense one. Instances are immutable and cached per (n, width, switch_prob).
 */
final class PitchHmm {
    /** log(0 + tiny): librosa's log-probability of an impossible event. */
    static final double LOG_ZERO = Math.log(YinCore.TINY);

    /** Least 2 x 2 Monge margin for the narrowed search (the log-triangle's is about 1 / width^2, 1e-4 or more). */
    private static final double MONGE_MARGIN = 1e-6;
    /**
     * Scores (log-probabilities, never positive) down to this keep the rounding of the four scores of a minor
     * (half an ulp each, under 1e-9 here) far below the margin; a frame with lower scores (hours of audio decoded
     * at once) scans every band.
     */
    private static final double LOWEST_NARROWED_SCORE = -1e7;

    private static final ConcurrentHashMap<String, PitchHmm> CACHE = new ConcurrentHashMap<>();

    /** Supplies the log observation probabilities of frame t, one per state (length 2n). */
    interface LogObservations {
        void fill(int t, double[] logProb);
    }

    final int nBins;
    /** For target bin j: predecessors with a non-zero transition are bins lo[j] .. lo[j] + len[j] - 1 (either block). */
    private final int[] lo;
    private final int[] len;
    /**
     * log(stay * T[k][j] + tiny) and log(switch * T[k][j] + tiny) for source k in target j's band, at index
     * base[j] + k of one flat array per transition (contiguous rows keep the search in cache).
     */
    private final double[] logStay;
    private final double[] logSwitch;
    private final int[] base;
    /** Whether the Monge structure holds (always for librosa's settings), allowing the narrowed search. */
    private final boolean monotone;

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
        base = new int[nBins];
        double[][] stayRows = new double[nBins][];
        double[][] switchRows = new double[nBins][];
        boolean bandsOk = true;
        for (int j = 0; j < nBins; j++) {
            // The stored band of row k starts at max(0, k - half); keep only sources whose triangle value is > 0
            // (an even width leaves one zero at the band's end).
            int first = Math.max(0, j - half);
            int last = Math.min(nBins - 1, j + half);
            while (first <= last && localAt(local, first, j, half) == 0.0) {
                first++;
            }
            while (last >= first && localAt(local, last, j, half) == 0.0) {
                last--;
            }
            lo[j] = first;
            len[j] = last - first + 1;
            stayRows[j] = new double[len[j]];
            switchRows[j] = new double[len[j]];
            for (int o = 0; o < len[j]; o++) {
                double t = localAt(local, first + o, j, half);
                bandsOk &= t > 0.0;
                stayRows[j][o] = Math.log(stay * t + YinCore.TINY);
                switchRows[j][o] = Math.log(change * t + YinCore.TINY);
            }
            // The narrowed search also needs bands that never move left.
            bandsOk &= j == 0 || (lo[j] >= lo[j - 1] && lo[j] + len[j] >= lo[j - 1] + len[j - 1]);
        }
        // A width close to n makes librosa's rolled window wrap into the band: then search every source.
        monotone = bandsOk && mongeWithMargin(stayRows) && mongeWithMargin(switchRows);
        logStay = flatten(stayRows);
        logSwitch = flatten(switchRows);
    }

    /** Whether decoding uses the narrowed (Monge) search rather than scanning every band. */
    boolean narrowedSearch() {
        return monotone;
    }

    /** Rows one after another; base[j] = (start of row j) - lo[j]. */
    private double[] flatten(double[][] rows) {
        double[] flat = new double[java.util.Arrays.stream(rows).mapToInt(r -> r.length).sum()];
        int at = 0;
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(rows[j], 0, flat, at, rows[j].length);
            base[j] = at - lo[j];
            at += rows[j].length;
        }
        return flat;
    }

    /**
     * Whether every 2 x 2 in-band minor of the log-transition satisfies L(k, j) + L(k+1, j+1) - L(k, j+1) -
     * L(k+1, j) &ge; {@link #MONGE_MARGIN}: far above the rounding of the scores (see
     * {@link #LOWEST_NARROWED_SCORE}), so the leftmost best source found in floating point moves right with the
     * target as in exact arithmetic.
     */
    private boolean mongeWithMargin(double[][] logT) {
        for (int j = 0; j + 1 < nBins; j++) {
            for (int k = Math.max(lo[j], lo[j + 1]); k + 1 <= Math.min(lo[j] + len[j], lo[j + 1] + len[j + 1]) - 1;
                 k++) {
                double minor = logT[j][k - lo[j]] + logT[j + 1][k + 1 - lo[j + 1]] - logT[j + 1][k - lo[j + 1]]
                        - logT[j][k + 1 - lo[j]];
                if (!(minor >= MONGE_MARGIN)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** T[k][j] from the banded rows of {@link #transitionLocal}, 0 outside the stored band. */
    private static double localAt(double[][] local, int k, int j, int half) {
        int o = j - Math.max(0, k - half);
        return o >= 0 && o < local[k].length ? local[k][o] : 0.0;
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
        // Best in-band source per target bin for each (source block, transition) pair.
        double[] stayValue = new double[n];
        int[] stayArg = new int[n];
        double[] switchValue = new double[n];
        int[] switchArg = new int[n];
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
            boolean narrow = monotone && globalBest >= LOWEST_NARROWED_SCORE;
            int base = t * nStates;
            for (int block = 0; block < 2; block++) {
                int targets = block * n; // 0: voiced targets, n: unvoiced targets
                // Same-block sources take the stay transition, other-block sources the switch transition.
                bestInBand(prev, targets, logStay, narrow, stayValue, stayArg, 0, n - 1, 0, n - 1);
                bestInBand(prev, n - targets, logSwitch, narrow, switchValue, switchArg, 0, n - 1, 0, n - 1);
                for (int j = 0; j < n; j++) {
                    // First maximum over all 2n sources: voiced ones (lower indices) win ties, i.e. the stay
                    // sources of a voiced target and the switch sources of an unvoiced one.
                    boolean fromStay = block == 0 ? stayValue[j] >= switchValue[j] : stayValue[j] > switchValue[j];
                    double best = fromStay ? stayValue[j] : switchValue[j];
                    int arg = fromStay ? stayArg[j] : switchArg[j];
                    int target = targets + j;
                    if (!(outOfBandBound < best)) {
                        arg = denseArgmax(prev, target);
                        best = prev[arg] + logTransition(arg, target);
                    }
                    ptr[base + target] = arg;
                    cur[target] = logProb[target] + best;
                }
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

    /**
     * For target bins jFrom..jTo: the best score prev[offset + k] + logT[base[j] + k] over the band's sources k,
     * and the first k reaching it, knowing the answers lie in kFrom..kTo. Divide and conquer on the Monge
     * property (class comment): the middle target's best source splits the source range of the two halves.
     */
    private void bestInBand(double[] prev, int offset, double[] logT, boolean narrow, double[] value, int[] arg,
                            int jFrom, int jTo, int kFrom, int kTo) {
        while (jFrom <= jTo) {
            int j = (jFrom + jTo) >>> 1;
            int from = Math.max(kFrom, lo[j]);
            int to = Math.min(kTo, lo[j] + len[j] - 1);
            int row = base[j];
            double best = Double.NEGATIVE_INFINITY;
            int bestK = from;
            for (int k = from; k <= to; k++) {
                double c = prev[offset + k] + logT[row + k];
                if (c > best) {
                    best = c;
                    bestK = k;
                }
            }
            value[j] = best;
            arg[j] = offset + bestK;
            bestInBand(prev, offset, logT, narrow, value, arg, jFrom, j - 1, kFrom, narrow ? bestK : kTo);
            jFrom = j + 1; // the right half, iteratively
            kFrom = narrow ? bestK : kFrom;
        }
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
        return (k < n) == (j < n) ? logStay[base[jBin] + kBin] : logSwitch[base[jBin] + kBin];
    }
}

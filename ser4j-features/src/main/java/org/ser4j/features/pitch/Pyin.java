package org.ser4j.features.pitch;

import java.util.Arrays;
import org.apache.commons.math3.special.Beta;
import org.ser4j.audio.Signal;

/**
 * Probabilistic YIN (Mauch &amp; Dixon 2014) exactly as librosa 0.11's {@code librosa.pyin}:
 * <ol>
 *   <li>per frame, the YIN cumulative mean normalised difference function (shared with {@link Yin});</li>
 *   <li>its troughs become period candidates, weighted by a beta(2, 18) prior over n_thresholds thresholds and a
 *       Boltzmann prior over trough order; the global minimum takes no_trough_prob of the mass of thresholds no
 *       trough is under;</li>
 *   <li>candidates (parabolically refined) are binned on a {@code resolution}-semitone grid from fmin; a frame's
 *       voiced probability is the sum of its candidates' probabilities;</li>
 *   <li>Viterbi decoding over voiced and unvoiced pitch states with a triangular local transition of at most
 *       max_transition_rate octaves per second and switch_prob between voicing states.</li>
 * </ol>
 * Stateless and thread-safe; the transition model is cached per configuration.
 */
public final class Pyin {
    private Pyin() {
    }

    /** pYIN of a signal at its own sample rate. */
    public static PitchTrack pyin(Signal signal, PyinParams p) {
        return pyin(signal.toDoubles(), signal.sampleRate(), p);
    }

    /**
     * pYIN of samples {@code y} at rate {@code sr}: f0 (fill_na where unvoiced), voiced_flag and voiced_prob per
     * frame, librosa's three outputs.
     */
    public static PitchTrack pyin(double[] y, double sr, PyinParams p) {
        YinCore core = new YinCore(y, sr, p.fmin(), p.fmax(), p.frameLength(), p.hopLength(), p.center(),
                p.padMode());
        int nBinsPerSemitone = p.binsPerSemitone();
        int nPitchBins = p.nPitchBins();
        double[] betaProbs = betaProbabilities(p.nThresholds(), p.betaA(), p.betaB());
        double[] thresholds = thresholds(p.nThresholds());

        // Boltzmann pmf pieces: (1 - e^-lambda) / (1 - e^-(lambda N)) * e^-(lambda k), as scipy.stats.boltzmann.
        int nPeriods = core.nPeriods;
        double lambda = p.boltzmannParameter();
        double[] expNeg = new double[nPeriods + 1];
        double[] norm = new double[nPeriods + 1];
        for (int k = 0; k <= nPeriods; k++) {
            expNeg[k] = Math.exp(-lambda * k);
            norm[k] = (1 - Math.exp(-lambda)) / (1 - Math.exp(-lambda * k));
        }

        int nFrames = core.nFrames;
        double[] voicedProb = new double[nFrames];
        int[][] candidateBins = new int[nFrames][];
        double[][] candidateProbs = new double[nFrames][];

        double[] cmnd = new double[nPeriods];
        int[] troughs = new int[nPeriods];
        double[] heights = new double[nPeriods];
        double[] troughProbs = new double[nPeriods];
        int[] admittedAt = new int[nPeriods];
        int[] admitted = new int[nPeriods];
        int[] byAdmission = new int[nPeriods];
        int[] bucketEnd = new int[betaProbs.length + 2];
        double[] binned = new double[nPitchBins];
        boolean[] touched = new boolean[nPitchBins];
        for (int t = 0; t < nFrames; t++) {
            core.cmnd(t, cmnd);
            int nTroughs = 0;
            for (int i = 0; i < nPeriods; i++) {
                if (YinCore.isTrough(cmnd, nPeriods, i)) {
                    troughs[nTroughs] = i;
                    heights[nTroughs++] = cmnd[i];
                }
            }
            if (nTroughs == 0) {
                candidateBins[t] = new int[0];
                candidateProbs[t] = new double[0];
                continue;
            }
            Arrays.fill(troughProbs, 0, nTroughs, 0.0);
            // Threshold q + 1 admits the troughs under it, a set that only grows with q. Each trough joins at its
            // first admitting threshold (troughs counting-sorted by it into byAdmission; bucketEnd[q] ends up as
            // the end of threshold q's newcomers) and the admitted set is kept in trough order, by which the
            // Boltzmann prior ranks: the work is the number of (threshold, admitted trough) pairs instead of
            // thresholds x troughs, with the same sums in the same order.
            Arrays.fill(bucketEnd, 0);
            for (int m = 0; m < nTroughs; m++) {
                admittedAt[m] = firstThresholdAbove(thresholds, heights[m]);
                bucketEnd[admittedAt[m] + 1]++;
            }
            for (int q = 0; q < betaProbs.length; q++) {
                bucketEnd[q + 1] += bucketEnd[q]; // now the start of bucket q + 1
            }
            for (int m = 0; m < nTroughs; m++) {
                if (admittedAt[m] < betaProbs.length) {
                    byAdmission[bucketEnd[admittedAt[m]]++] = m;
                }
            }
            int below = 0;
            int next = 0;
            for (int q = 0; q < betaProbs.length; q++) {
                for (; next < bucketEnd[q]; next++) { // insert threshold q's newcomers in trough order
                    int m = byAdmission[next];
                    int at = below++;
                    while (at > 0 && admitted[at - 1] > m) {
                        admitted[at] = admitted[at - 1];
                        at--;
                    }
                    admitted[at] = m;
                }
                for (int position = 0; position < below; position++) {
                    double prior = norm[below] * expNeg[position];
                    troughProbs[admitted[position]] += prior * betaProbs[q];
                }
            }
            int globalMin = 0;
            for (int m = 1; m < nTroughs; m++) {
                if (heights[m] < heights[globalMin]) {
                    globalMin = m;
                }
            }
            int thresholdsBelowMin = 0;
            for (int q = 0; q < betaProbs.length; q++) {
                if (!(heights[globalMin] < thresholds[q + 1])) {
                    thresholdsBelowMin++;
                }
            }
            double missing = 0.0;
            for (int q = 0; q < thresholdsBelowMin; q++) {
                missing += betaProbs[q];
            }
            troughProbs[globalMin] += p.noTroughProb() * missing;

            // Candidates in increasing period; when two fall in one pitch bin the later one (longer period)
            // overwrites, as numpy's fancy assignment does. A bin index of exactly n_pitch_bins (librosa clips to
            // n, not n - 1) lands in the unvoiced block, which is overwritten afterwards: it is dropped.
            for (int m = 0; m < nTroughs; m++) {
                if (troughProbs[m] == 0.0) {
                    continue;
                }
                int index = troughs[m];
                double period = core.minPeriod + index + YinCore.parabolicShift(cmnd, nPeriods, index);
                double f0 = sr / period;
                double bin = Math.rint(12 * nBinsPerSemitone * PitchChecks.log2(f0 / p.fmin()));
                int b = (int) Math.max(0, Math.min(nPitchBins, bin));
                if (b < nPitchBins) {
                    binned[b] = troughProbs[m];
                    touched[b] = true;
                }
            }
            int count = 0;
            double sum = 0.0;
            for (int b = 0; b < nPitchBins; b++) {
                if (touched[b]) {
                    count++;
                    sum += binned[b];
                }
            }
            voicedProb[t] = Math.min(1.0, Math.max(0.0, sum));
            int[] bins = new int[count];
            double[] probs = new double[count];
            int c = 0;
            for (int b = 0; b < nPitchBins && c < count; b++) {
                if (touched[b]) {
                    bins[c] = b;
                    probs[c++] = binned[b];
                    touched[b] = false;
                    binned[b] = 0.0;
                }
            }
            candidateBins[t] = bins;
            candidateProbs[t] = probs;
        }

        int maxSemitonesPerFrame = (int) Math.rint(p.maxTransitionRate() * 12 * p.hopLength() / sr);
        int transitionWidth = maxSemitonesPerFrame * nBinsPerSemitone + 1;
        PitchHmm hmm = PitchHmm.of(nPitchBins, transitionWidth, p.switchProb());

        // p_init: uniform over all 2 n states (librosa 0.11; 0.10 put all mass on the unvoiced states).
        double[] logInit = new double[2 * nPitchBins];
        Arrays.fill(logInit, Math.log(1.0 / (2 * nPitchBins) + YinCore.TINY));

        int[] states = hmm.decode(nFrames, (t, logProb) -> {
            Arrays.fill(logProb, 0, nPitchBins, PitchHmm.LOG_ZERO);
            int[] bins = candidateBins[t];
            double[] probs = candidateProbs[t];
            for (int c = 0; c < bins.length; c++) {
                logProb[bins[c]] = Math.log(probs[c] + YinCore.TINY);
            }
            double unvoiced = Math.log((1 - voicedProb[t]) / nPitchBins + YinCore.TINY);
            Arrays.fill(logProb, nPitchBins, 2 * nPitchBins, unvoiced);
        }, logInit);

        double[] f0 = new double[nFrames];
        boolean[] voiced = new boolean[nFrames];
        for (int t = 0; t < nFrames; t++) {
            int bin = states[t] % nPitchBins;
            voiced[t] = states[t] < nPitchBins;
            f0[t] = voiced[t] || p.fillNa() == null
                    ? p.fmin() * Math.pow(2.0, bin / (12.0 * nBinsPerSemitone))
                    : p.fillNa();
        }
        return new PitchTrack(f0, voiced, voicedProb, sr, p.hopLength());
    }

    /**
     * The first q with {@code height < thresholds[q + 1]} (thresholds ascending), or thresholds.length - 1 when
     * the height is under none of them.
     */
    static int firstThresholdAbove(double[] thresholds, double height) {
        int lo = 0;
        int hi = thresholds.length - 1; // answer in [lo, hi]; hi means none
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (height < thresholds[mid + 1]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** numpy.linspace(0, 1, n + 1): i * (1 / n), with the last point exactly 1. */
    static double[] thresholds(int n) {
        double step = 1.0 / n;
        double[] t = new double[n + 1];
        for (int i = 0; i < n; i++) {
            t[i] = i * step;
        }
        t[n] = 1.0;
        return t;
    }

    /** np.diff(scipy.stats.beta.cdf(linspace(0, 1, n + 1), a, b)): prior mass between consecutive thresholds. */
    static double[] betaProbabilities(int n, double a, double b) {
        double[] t = thresholds(n);
        double[] cdf = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            cdf[i] = t[i] <= 0 ? 0.0 : t[i] >= 1 ? 1.0 : Beta.regularizedBeta(t[i], a, b, 1e-16, 10000);
        }
        double[] probs = new double[n];
        for (int i = 0; i < n; i++) {
            probs[i] = cdf[i + 1] - cdf[i];
        }
        return probs;
    }
}

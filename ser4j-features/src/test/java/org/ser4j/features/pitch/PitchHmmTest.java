package org.ser4j.features.pitch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The banded pYIN model against librosa's documented transition matrix and an independent dense Viterbi. */
class PitchHmmTest {

    @Test
    void transitionLocalMatchesLibrosaDocExample() {
        // librosa.sequence.transition_local(5, 3, window='triangle', wrap=False), from librosa's docstring.
        double[][] expected = {
            {2 / 3.0, 1 / 3.0, 0, 0, 0},
            {0.25, 0.5, 0.25, 0, 0},
            {0, 0.25, 0.5, 0.25, 0},
            {0, 0, 0.25, 0.5, 0.25},
            {0, 0, 0, 1 / 3.0, 2 / 3.0}};
        double[][] band = PitchHmm.transitionLocal(5, 3);
        for (int i = 0; i < 5; i++) {
            double[] row = new double[5];
            int from = Math.max(0, i - 1);
            System.arraycopy(band[i], 0, row, from, band[i].length);
            assertArrayEquals(expected[i], row, 1e-15, "row " + i);
        }
    }

    @Test
    void triangleIsScipyTriang() {
        assertArrayEquals(new double[] {0.5, 1, 0.5}, PitchHmm.triangle(3), 0);
        assertArrayEquals(new double[] {0.25, 0.75, 0.75, 0.25}, PitchHmm.triangle(4), 0);
    }

    @Test
    void pairwiseSumIsTheSumUpToRounding() {
        double[] a = new Random(3).doubles(1000).toArray();
        double plain = 0;
        for (double v : a) {
            plain += v;
        }
        assertEquals(plain, PitchHmm.pairwiseSum(a, 0, a.length), 1e-12);
    }

    /** Banded decoding equals a plain dense Viterbi over the full 2n x 2n log(matrix + tiny) on random inputs. */
    @Test
    void bandedViterbiEqualsDenseViterbi() {
        assertSameAsDense(40, 9, 0.01, 30, 60, 11);
    }

    /**
     * The sizes pYIN really uses: the full set's 0.2-semitone bins from 65 to 500 Hz with a 20 ms hop (177 bins,
     * width 46: an even width, whose band carries one zero) and librosa's defaults at 16 kHz (0.1 semitone, hop
     * 160: 353 bins, width 41). Inputs include long runs with no voiced evidence, where unvoiced states tie exactly.
     */
    @Test
    void narrowedSearchEqualsDenseViterbiAtPyinSizes() {
        assertTrue(PitchHmm.of(177, 46, 0.01).narrowedSearch());
        assertTrue(PitchHmm.of(353, 41, 0.01).narrowedSearch());
        assertSameAsDense(177, 46, 0.01, 6, 40, 21);
        assertSameAsDense(353, 41, 0.01, 2, 25, 22);
    }

    /** A band as wide as the grid wraps librosa's rolled window: every band is scanned, still the dense path. */
    @Test
    void wideBandsFallBackToFullScans() {
        PitchHmm hmm = PitchHmm.of(12, 12, 0.01);
        assertFalse(hmm.narrowedSearch());
        assertSameAsDense(12, 12, 0.01, 20, 30, 5);
    }

    private static void assertSameAsDense(int n, int width, double switchProb, int trials, int maxFrames, long seed) {
        PitchHmm hmm = PitchHmm.of(n, width, switchProb);
        double[][] dense = denseLogTransition(n, width, switchProb);
        Random rng = new Random(seed);
        for (int trial = 0; trial < trials; trial++) {
            int frames = 5 + rng.nextInt(maxFrames);
            double[][] logObs = new double[frames][2 * n];
            boolean silentRun = false;
            for (int t = 0; t < frames; t++) {
                if (rng.nextInt(8) == 0) {
                    silentRun = !silentRun;
                }
                // Sparse voiced evidence (often none at all, which forces the out-of-band fallback), uniform unvoiced.
                double voiced = 0;
                java.util.Arrays.fill(logObs[t], 0, n, PitchHmm.LOG_ZERO);
                int candidates = silentRun ? 0 : rng.nextInt(4);
                for (int c = 0; c < candidates; c++) {
                    double p = rng.nextDouble() * 0.3;
                    logObs[t][rng.nextInt(n)] = Math.log(p + YinCore.TINY);
                    voiced += p;
                }
                java.util.Arrays.fill(logObs[t], n, 2 * n, Math.log((1 - voiced) / n + YinCore.TINY));
            }
            double[] logInit = new double[2 * n];
            java.util.Arrays.fill(logInit, Math.log(1.0 / (2 * n)));
            int[] banded = hmm.decode(frames, (t, row) -> System.arraycopy(logObs[t], 0, row, 0, 2 * n), logInit);
            assertArrayEquals(denseViterbi(logObs, dense, logInit), banded, "n " + n + ", trial " + trial);
        }
    }

    private static double[][] denseLogTransition(int n, int width, double switchProb) {
        double[][] band = PitchHmm.transitionLocal(n, width);
        double stay = 1 - switchProb;
        double change = 1.0 - stay;
        double[][] logT = new double[2 * n][2 * n];
        for (int k = 0; k < 2 * n; k++) {
            for (int j = 0; j < 2 * n; j++) {
                int kb = k % n;
                int jb = j % n;
                int from = Math.max(0, kb - width / 2);
                double t = jb - from >= 0 && jb - from < band[kb].length ? band[kb][jb - from] : 0.0;
                double c = (k < n) == (j < n) ? stay : change;
                logT[k][j] = Math.log(c * t + YinCore.TINY);
            }
        }
        return logT;
    }

    /** Textbook Viterbi, numpy's first-maximum argmax. */
    private static int[] denseViterbi(double[][] logObs, double[][] logT, double[] logInit) {
        int frames = logObs.length;
        int s = logInit.length;
        double[][] value = new double[frames][s];
        int[][] ptr = new int[frames][s];
        for (int j = 0; j < s; j++) {
            value[0][j] = logObs[0][j] + logInit[j];
        }
        for (int t = 1; t < frames; t++) {
            for (int j = 0; j < s; j++) {
                int best = 0;
                for (int k = 1; k < s; k++) {
                    if (value[t - 1][k] + logT[k][j] > value[t - 1][best] + logT[best][j]) {
                        best = k;
                    }
                }
                ptr[t][j] = best;
                value[t][j] = logObs[t][j] + (value[t - 1][best] + logT[best][j]);
            }
        }
        int[] states = new int[frames];
        for (int j = 1; j < s; j++) {
            if (value[frames - 1][j] > value[frames - 1][states[frames - 1]]) {
                states[frames - 1] = j;
            }
        }
        for (int t = frames - 2; t >= 0; t--) {
            states[t] = ptr[t + 1][states[t + 1]];
        }
        return states;
    }
}

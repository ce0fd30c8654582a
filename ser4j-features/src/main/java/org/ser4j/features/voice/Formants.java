package org.ser4j.features.voice;

import java.util.Arrays;

/**
 * Formant frequencies and bandwidths from the roots of an LPC polynomial (Markel &amp; Gray, "Linear Prediction of
 * Speech", 1976; Praat's "Sound: To Formant (burg)"). Each complex root z = r·e^(i&theta;) of
 * A(z) = 1 + a1·z^−1 + ... + ap·z^−p in the upper half-plane is a resonance at F = &theta;·sr / (2&pi;) Hz with
 * bandwidth B = −ln(r)·sr / &pi; Hz.
 *
 * <p>Plausibility limits: like Praat, resonances below {@link #MIN_FREQUENCY_HZ} or within
 * {@link #MIN_FREQUENCY_HZ} of Nyquist are dropped; in addition roots with a bandwidth above
 * {@link #MAX_BANDWIDTH_HZ} are dropped, since such broad poles shape the spectral tilt rather than a formant.
 * The rest, ascending in frequency, are F1, F2, F3, ...
 */
public final class Formants {
    /** Lowest accepted formant frequency (and distance from Nyquist), Hz. */
    public static final double MIN_FREQUENCY_HZ = 50;
    /** Widest accepted formant bandwidth, Hz. */
    public static final double MAX_BANDWIDTH_HZ = 700;

    private Formants() {
    }

    /**
     * LPC order for formant analysis at a sample rate: 2 + sr/1000 (two poles per kHz of bandwidth for the vocal
     * tract's resonances, plus two for the glottal source and radiation; Markel &amp; Gray's rule of thumb),
     * e.g. 18 at 16 kHz.
     */
    public static int lpcOrder(int sampleRate) {
        return 2 + (int) Math.round(sampleRate / 1000.0);
    }

    /**
     * The formants of one frame.
     *
     * @param a         LPC coefficients a[0] = 1, a[1..p]
     * @param sr        sample rate, Hz
     * @param rootRe    scratch of length &ge; p
     * @param rootIm    scratch of length &ge; p
     * @param frequency receives up to frequency.length formant frequencies, ascending (Hz)
     * @param bandwidth receives the matching bandwidths (Hz), same length as frequency
     * @return how many formants were written (the rest of the outputs is set to NaN)
     */
    public static int fromLpc(double[] a, int sr, double[] rootRe, double[] rootIm, double[] frequency,
            double[] bandwidth) {
        return fromLpc(a, sr, rootRe, rootIm, frequency, bandwidth, false);
    }

    /**
     * As {@link #fromLpc(double[], int, double[], double[], double[], double[])}; with {@code warmStart} the root
     * search starts from the roots left in rootRe/rootIm by the previous call (see {@link PolynomialRoots}).
     */
    public static int fromLpc(double[] a, int sr, double[] rootRe, double[] rootIm, double[] frequency,
            double[] bandwidth, boolean warmStart) {
        Arrays.fill(frequency, Double.NaN);
        Arrays.fill(bandwidth, Double.NaN);
        int p = a.length - 1;
        if (p < 2 || !finite(a) || !PolynomialRoots.roots(a, rootRe, rootIm, warmStart)) {
            return 0;
        }
        int count = 0;
        double nyquist = sr / 2.0;
        for (int k = 0; k < p; k++) {
            if (rootIm[k] <= 0) {
                continue;
            }
            double f = Math.atan2(rootIm[k], rootRe[k]) * sr / (2 * Math.PI);
            double b = -Math.log(Math.hypot(rootRe[k], rootIm[k])) * sr / Math.PI;
            if (f < MIN_FREQUENCY_HZ || f > nyquist - MIN_FREQUENCY_HZ || b > MAX_BANDWIDTH_HZ) {
                continue;
            }
            // Insertion into the ascending list, keeping the lowest frequency.length formants.
            int i = Math.min(count, frequency.length);
            while (i > 0 && frequency[i - 1] > f) {
                if (i < frequency.length) {
                    frequency[i] = frequency[i - 1];
                    bandwidth[i] = bandwidth[i - 1];
                }
                i--;
            }
            if (i < frequency.length) {
                frequency[i] = f;
                bandwidth[i] = b;
                count = Math.min(count + 1, frequency.length);
            }
        }
        return count;
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}

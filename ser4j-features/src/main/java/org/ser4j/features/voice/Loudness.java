package org.ser4j.features.voice;

import java.util.Arrays;

/**
 * Perceived loudness of a frame from its power spectrum: an auditory spectrum on the Bark scale with
 * equal-loudness weighting and the intensity-to-loudness power law, summed over bands. This is the loudness
 * approximation of perceptual linear prediction (Hermansky, "Perceptual linear predictive (PLP) analysis of
 * speech", JASA 87(4), 1990, steps 1–4), which eGeMAPS's "perceived signal intensity from an auditory spectrum"
 * also builds on; it is not a full Zwicker model (no temporal masking). Units are arbitrary (sone-like) and scale
 * with the input level to the power {@link #COMPRESSION}.
 *
 * <ol>
 * <li>Bark: &Omega;(f) = 6·asinh(f / 600).</li>
 * <li>Critical bands centred at &Omega; = 1, 2, ... Bark up to Nyquist, each weighting power bins by Hermansky's
 * masking curve &Psi;(&Delta;&Omega;): 10^(2.5(&Delta;+0.5)) on [−1.3, −0.5], 1 on (−0.5, 0.5),
 * 10^(−(&Delta;−0.5)) on [0.5, 2.5], 0 elsewhere.</li>
 * <li>Equal-loudness weight at the band centre, with &omega; = 2&pi;f:
 * E = (&omega;² + 56.8e6)·&omega;&#x2074; / ((&omega;² + 6.3e6)²·(&omega;² + 0.38e9)).</li>
 * <li>Loudness = &Sigma;_bands (E·band power)^0.33.</li>
 * </ol>
 * Instances are immutable and thread-safe.
 */
public final class Loudness {
    /** Stevens' intensity-to-loudness power law exponent, as in PLP. */
    public static final double COMPRESSION = 0.33;

    private final double[][] weights;
    private final int[] firstBin;

    /**
     * The band weights for spectra of {@code nFft} points at {@code sampleRate}.
     */
    public Loudness(int sampleRate, int nFft) {
        int nBins = nFft / 2 + 1;
        double binHz = sampleRate / (double) nFft;
        int nBands = (int) Math.floor(bark(sampleRate / 2.0));
        weights = new double[nBands][];
        firstBin = new int[nBands];
        for (int b = 0; b < nBands; b++) {
            double centreBark = b + 1;
            double centreHz = 600 * Math.sinh(centreBark / 6);
            double equalLoudness = equalLoudness(centreHz);
            int lo = -1;
            int hi = -1;
            double[] w = new double[nBins];
            for (int k = 0; k < nBins; k++) {
                w[k] = equalLoudness * maskingCurve(bark(k * binHz) - centreBark);
                if (w[k] > 0) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            firstBin[b] = Math.max(lo, 0);
            weights[b] = lo < 0 ? new double[0] : Arrays.copyOfRange(w, lo, hi + 1);
        }
    }

    /** Number of critical bands (Bark 1 .. floor(Bark(Nyquist))). */
    public int bandCount() {
        return weights.length;
    }

    /** Loudness of one frame's power spectrum |X[k]|², k = 0 .. n_fft/2. */
    public double of(double[] power) {
        double sum = 0;
        for (int b = 0; b < weights.length; b++) {
            double[] w = weights[b];
            int k0 = firstBin[b];
            double e = 0;
            for (int i = 0; i < w.length; i++) {
                e += w[i] * power[k0 + i];
            }
            sum += Math.pow(e, COMPRESSION);
        }
        return sum;
    }

    /** Hermansky's Bark warping, 6·asinh(f / 600). */
    static double bark(double hz) {
        double x = hz / 600;
        return 6 * Math.log(x + Math.sqrt(x * x + 1));
    }

    /** Hermansky's critical-band masking curve at a Bark distance from the band centre. */
    static double maskingCurve(double dBark) {
        if (dBark < -1.3 || dBark > 2.5) {
            return 0;
        }
        if (dBark <= -0.5) {
            return Math.pow(10, 2.5 * (dBark + 0.5));
        }
        if (dBark < 0.5) {
            return 1;
        }
        return Math.pow(10, -(dBark - 0.5));
    }

    /** Hermansky's approximation of the 40-phon equal-loudness curve (relative weight). */
    static double equalLoudness(double hz) {
        double w2 = Math.pow(2 * Math.PI * hz, 2);
        return (w2 + 56.8e6) * w2 * w2 / (Math.pow(w2 + 6.3e6, 2) * (w2 + 0.38e9));
    }
}

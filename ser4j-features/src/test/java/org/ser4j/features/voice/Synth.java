package org.ser4j.features.voice;

import java.util.Random;

/** Test signals with known properties. */
final class Synth {
    private Synth() {
    }

    /**
     * Smooth pulses (a 9-sample raised-cosine bump each, symmetric about an integer sample, so the peak lies
     * exactly on it) at the given integer sample positions with the given amplitudes.
     */
    static double[] pulseTrain(int length, int[] positions, double[] amplitudes) {
        double[] y = new double[length];
        int half = 4;
        for (int p = 0; p < positions.length; p++) {
            for (int d = -half; d <= half; d++) {
                int i = positions[p] + d;
                if (i >= 0 && i < length) {
                    y[i] += amplitudes[p] * 0.5 * (1 + Math.cos(Math.PI * d / (half + 1)));
                }
            }
        }
        return y;
    }

    /** Cumulative positions from a start sample and a list of periods. */
    static int[] positions(int start, int[] periods) {
        int[] pos = new int[periods.length + 1];
        pos[0] = start;
        for (int i = 0; i < periods.length; i++) {
            pos[i + 1] = pos[i] + periods[i];
        }
        return pos;
    }

    /** A harmonic complex: sum over h=1..nHarmonics of amp/h · sin(2π h f0 t), f0 possibly time-varying. */
    static double[] harmonicTone(int length, int sr, double[] f0PerSample, int nHarmonics, double amp) {
        double[] y = new double[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            phase += 2 * Math.PI * f0PerSample[i] / sr;
            for (int h = 1; h <= nHarmonics; h++) {
                y[i] += amp / h * Math.sin(h * phase);
            }
        }
        return y;
    }

    static double[] constant(int length, double value) {
        double[] v = new double[length];
        java.util.Arrays.fill(v, value);
        return v;
    }

    static double[] gaussianNoise(int length, double sigma, long seed) {
        Random rng = new Random(seed);
        double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = sigma * rng.nextGaussian();
        }
        return y;
    }

    /** LPC polynomial 1 + a1 z^-1 + ... whose roots are the poles of the given resonances. */
    static double[] allPolePolynomial(int sr, double[] freqs, double[] bandwidths) {
        double[] a = {1};
        for (int i = 0; i < freqs.length; i++) {
            double r = Math.exp(-Math.PI * bandwidths[i] / sr);
            double theta = 2 * Math.PI * freqs[i] / sr;
            double[] q = {1, -2 * r * Math.cos(theta), r * r};
            double[] out = new double[a.length + 2];
            for (int j = 0; j < a.length; j++) {
                for (int k = 0; k < 3; k++) {
                    out[j + k] += a[j] * q[k];
                }
            }
            a = out;
        }
        return a;
    }

    /** Filters x through 1 / A(z). */
    static double[] allPoleFilter(double[] a, double[] x) {
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double s = x[n];
            for (int k = 1; k < a.length && k <= n; k++) {
                s -= a[k] * y[n - k];
            }
            y[n] = s;
        }
        return y;
    }
}

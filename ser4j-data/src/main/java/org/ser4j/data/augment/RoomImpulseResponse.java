package org.ser4j.data.augment;

import java.util.Random;

/**
 * Synthetic room impulse responses: a direct-path impulse followed by a reverberant tail of Gaussian noise whose
 * energy decays exponentially, 60 dB over RT60 seconds (the statistical model of a diffuse field; Polack's model).
 * The tail's energy relative to the direct sound is set by the direct-to-reverberant ratio.
 */
public final class RoomImpulseResponse {
    /** Gap between the direct sound and the start of the tail (first reflections arrive after a few ms). */
    static final double PRE_DELAY_S = 0.0025;

    private RoomImpulseResponse() {
    }

    /**
     * An impulse response of length 1.2 x RT60 (the tail is then 72 dB down) plus the pre-delay.
     *
     * @param rt60      reverberation time in seconds (&gt; 0)
     * @param drrDb     direct-to-reverberant energy ratio in dB
     * @param sampleRate samples per second
     */
    public static double[] exponential(double rt60, double drrDb, int sampleRate, Random random) {
        if (!(rt60 > 0)) {
            throw new IllegalArgumentException("RT60 must be > 0 s, got " + rt60);
        }
        int delay = (int) Math.round(PRE_DELAY_S * sampleRate);
        int tail = (int) Math.ceil(1.2 * rt60 * sampleRate);
        double[] h = new double[delay + tail];
        // amplitude envelope 10^(-3 t / RT60): energy 10^(-6 t / RT60), i.e. -60 dB at t = RT60
        double decayPerSample = Math.pow(10, -3.0 / (rt60 * sampleRate));
        double envelope = 1;
        double tailEnergy = 0;
        for (int i = 0; i < tail; i++) {
            double v = random.nextGaussian() * envelope;
            h[delay + i] = v;
            tailEnergy += v * v;
            envelope *= decayPerSample;
        }
        double tailScale = Math.sqrt(Math.pow(10, -drrDb / 10) / tailEnergy);
        for (int i = delay; i < h.length; i++) {
            h[i] *= tailScale;
        }
        h[0] = 1;
        return h;
    }

    /**
     * RT60 estimated from an impulse response by Schroeder backward integration: the energy decay curve's
     * least-squares slope between -5 dB and -25 dB (T20), extrapolated to 60 dB. Used to check generated RIRs.
     */
    public static double estimateRt60(double[] h, int sampleRate) {
        double[] edc = new double[h.length];
        double acc = 0;
        for (int i = h.length - 1; i >= 0; i--) {
            acc += h[i] * h[i];
            edc[i] = acc;
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < h.length; i++) {
            double db = 10 * Math.log10(edc[i] / edc[0]);
            if (db <= -5 && db >= -25) {
                double t = i / (double) sampleRate;
                sx += t;
                sy += db;
                sxx += t * t;
                sxy += t * db;
                n++;
            }
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return -60 / slope;
    }

    /** Linear convolution of {@code x} with {@code h}, by FFT, cut to {@code x.length}. */
    public static double[] convolve(double[] x, double[] h) {
        int full = x.length + h.length - 1;
        int n = Integer.highestOneBit(Math.max(1, full - 1)) << 1;
        double[] a = java.util.Arrays.copyOf(x, n);
        double[] b = java.util.Arrays.copyOf(h, n);
        org.ser4j.dsp.Fft.realForward(a);
        org.ser4j.dsp.Fft.realForward(b);
        // packed layout: [0] = X[0], [1] = X[n/2] (both real), then (re, im) pairs
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 1; k < n / 2; k++) {
            double re = a[2 * k] * b[2 * k] - a[2 * k + 1] * b[2 * k + 1];
            double im = a[2 * k] * b[2 * k + 1] + a[2 * k + 1] * b[2 * k];
            a[2 * k] = re;
            a[2 * k + 1] = im;
        }
        org.ser4j.dsp.Fft.plan(n).realInverse(a, true);
        return java.util.Arrays.copyOf(a, x.length);
    }
}

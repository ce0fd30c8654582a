package org.ser4j.dsp;

/**
 * Linear-phase FIR filters by the window method (Kaiser window), applied without delay by FFT overlap-add.
 * Used where a fixed band edge must be the same for every input: the audio path's band limit and the telephone
 * channel's band-pass.
 */
public final class Fir {
    /** Input samples per overlap-add block; the FFT is the next power of two above block + taps. */
    private static final int BLOCK = 4096;

    private Fir() {
    }

    /**
     * Band-pass between {@code low} and {@code high} (cycles per sample, the -6 dB points): the ideal response
     * times a Kaiser window of {@code taps} (odd) taps. {@code low = 0} gives a low-pass.
     */
    public static double[] bandPass(double low, double high, int taps, double beta) {
        if (taps < 1 || taps % 2 == 0 || !(low >= 0 && low < high && high <= 0.5)) {
            throw new IllegalArgumentException("bad FIR: " + taps + " taps, band " + low + ".." + high);
        }
        int m = (taps - 1) / 2;
        double[] h = new double[taps];
        double norm = besselI0(beta);
        for (int n = 0; n < taps; n++) {
            int k = n - m;
            double ideal = k == 0 ? 2 * (high - low)
                    : (Math.sin(2 * Math.PI * high * k) - Math.sin(2 * Math.PI * low * k)) / (Math.PI * k);
            double r = m == 0 ? 0 : (double) k / m;
            h[n] = ideal * besselI0(beta * Math.sqrt(1 - r * r)) / norm;
        }
        return h;
    }

    /** Low-pass with its -6 dB point at {@code cutoff} cycles per sample. */
    public static double[] lowPass(double cutoff, int taps, double beta) {
        return bandPass(0, cutoff, taps, beta);
    }

    /**
     * Taps a Kaiser-window design needs for {@code attenuationDb} of stop-band over a transition
     * {@code transition} cycles per sample wide (Kaiser's estimate, rounded up to odd).
     */
    public static int taps(double attenuationDb, double transition) {
        int n = (int) Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
        return n % 2 == 0 ? n + 1 : n;
    }

    /** Kaiser's window parameter for a stop-band of {@code attenuationDb} (above 50 dB). */
    public static double kaiserBeta(double attenuationDb) {
        return 0.1102 * (attenuationDb - 8.7);
    }

    /**
     * {@code x} convolved with the odd-length {@code h} centred on each sample (no delay), same length as
     * {@code x}; samples outside {@code x} count as zero.
     */
    public static double[] filter(double[] x, double[] h) {
        int m = (h.length - 1) / 2;
        int n = Integer.highestOneBit(BLOCK + h.length - 1) << 1;
        double[] hf = new double[n];
        System.arraycopy(h, 0, hf, 0, h.length);
        Fft.realForward(hf);
        // Full convolution x * h, of which output sample i is element i + m.
        double[] full = new double[x.length + h.length - 1];
        double[] buf = new double[n];
        for (int start = 0; start < x.length; start += BLOCK) {
            int len = Math.min(BLOCK, x.length - start);
            java.util.Arrays.fill(buf, 0);
            System.arraycopy(x, start, buf, 0, len);
            Fft.realForward(buf);
            multiplyPacked(buf, hf);
            Fft.plan(n).realInverse(buf, true);
            int count = Math.min(len + h.length - 1, full.length - start);
            for (int i = 0; i < count; i++) {
                full[start + i] += buf[i];
            }
        }
        return java.util.Arrays.copyOfRange(full, m, m + x.length);
    }

    /** a *= b, both in JTransforms' packed real-FFT layout. */
    private static void multiplyPacked(double[] a, double[] b) {
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 2; k < a.length; k += 2) {
            double re = a[k] * b[k] - a[k + 1] * b[k + 1];
            double im = a[k] * b[k + 1] + a[k + 1] * b[k];
            a[k] = re;
            a[k + 1] = im;
        }
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    public static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}

package org.ser4j.features.lpc;

import org.ser4j.audio.Signal;

/**
 * Linear prediction coefficients by Burg's method, as librosa 0.11's {@code librosa.lpc(y, order=order)}: returns
 * {@code a} of length order + 1 with a[0] = 1, so that y[n] is predicted by -(a[1] y[n-1] + ... + a[order]
 * y[n-order]). Always double precision (librosa's float32 results are useless for order 16, see the reference
 * README). Stateless and thread-safe.
 */
public final class Lpc {
    /** numpy's finfo(float64).tiny, librosa's guard against a zero denominator. */
    private static final double TINY = Double.MIN_NORMAL;

    private Lpc() {
    }

    /** Burg LPC of the whole of {@code y}. */
    public static double[] lpc(double[] y, int order) {
        return lpc(y, 0, y.length, order);
    }

    /** Burg LPC of the whole signal. */
    public static double[] lpc(Signal signal, int order) {
        return lpc(signal.toDoubles(), order);
    }

    /**
     * Burg LPC of {@code y[offset .. offset + length)} (e.g. one analysis frame, without copying it).
     *
     * @throws IllegalArgumentException if order &lt; 1, the segment is shorter than 2 samples, or holds a
     *                                  non-finite value (librosa raises for those too)
     */
    public static double[] lpc(double[] y, int offset, int length, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be an integer >= 1, got " + order);
        }
        if (length < 2) {
            throw new IllegalArgumentException("lpc needs at least 2 samples, got " + length);
        }
        for (int i = offset; i < offset + length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("audio buffer is not finite everywhere (sample " + (i - offset)
                        + " is " + y[i] + ")");
            }
        }
        // Forward error f[i] starts as y[i+1], backward error b[i] as y[i], i = 0 .. length-2. Each stage drops
        // the first forward and last backward element, which the window [lo, hi) tracks without copying.
        int n = length - 1;
        double[] fwd = new double[n];
        double[] bwd = new double[n];
        System.arraycopy(y, offset + 1, fwd, 0, n);
        System.arraycopy(y, offset, bwd, 0, n);

        double[] a = new double[order + 1];
        double[] prev = new double[order + 1];
        a[0] = 1.0;
        prev[0] = 1.0;
        double den = 0.0;
        for (int i = 0; i < n; i++) {
            den += fwd[i] * fwd[i] + bwd[i] * bwd[i];
        }
        int fwdStart = 0; // fwd[fwdStart .. fwdStart + m), bwd[0 .. m) are the live errors
        int m = n;
        for (int stage = 0; stage < order; stage++) {
            double dot = 0.0;
            for (int i = 0; i < m; i++) {
                dot += bwd[i] * fwd[fwdStart + i];
            }
            double reflect = dot * -2;
            reflect /= den + TINY;

            double[] swap = prev;
            prev = a;
            a = swap;
            for (int j = 1; j <= stage + 1; j++) {
                a[j] = prev[j] + reflect * prev[stage - j + 1];
            }
            for (int i = 0; i < m; i++) {
                double f = fwd[fwdStart + i];
                double b = bwd[i];
                fwd[fwdStart + i] = f + reflect * b;
                bwd[i] = b + reflect * f;
            }
            double q = 1.0 - reflect * reflect;
            double lastBwd = m > 0 ? bwd[m - 1] : 0.0;
            double firstFwd = m > 0 ? fwd[fwdStart] : 0.0;
            den = q * den - lastBwd * lastBwd - firstFwd * firstFwd;
            fwdStart++;
            m = Math.max(0, m - 1);
        }
        return a;
    }
}

package org.ser4j.features.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormantsTest {
    private static final int SR = 16000;

    @Test
    void rootsOfAKnownPolynomial() {
        // (z - 0.5)(z + 0.25)(z^2 - 2*0.9*cos(1) z + 0.81): roots 0.5, -0.25, 0.9 e^{+-i}.
        double[] c = multiply(new double[] {1, -0.5}, new double[] {1, 0.25});
        c = multiply(c, new double[] {1, -2 * 0.9 * Math.cos(1), 0.81});
        double[] re = new double[4];
        double[] im = new double[4];
        assertTrue(PolynomialRoots.roots(c, re, im));
        double[][] expected = {{0.5, 0}, {-0.25, 0}, {0.9 * Math.cos(1), 0.9 * Math.sin(1)},
            {0.9 * Math.cos(1), -0.9 * Math.sin(1)}};
        for (double[] e : expected) {
            boolean found = false;
            for (int k = 0; k < 4; k++) {
                found |= Math.hypot(re[k] - e[0], im[k] - e[1]) < 1e-10;
            }
            assertTrue(found, "root " + e[0] + "+" + e[1] + "i");
        }
    }

    @Test
    void formantsOfAKnownAllPolePolynomial() {
        double[] f = {730, 1090, 2440, 3400, 4500};
        double[] b = {90, 110, 170, 250, 300};
        double[] a = Synth.allPolePolynomial(SR, f, b);
        double[] freq = new double[3];
        double[] bw = new double[3];
        int n = Formants.fromLpc(a, SR, new double[a.length], new double[a.length], freq, bw);
        assertEquals(3, n);
        for (int i = 0; i < 3; i++) {
            assertEquals(f[i], freq[i], 1e-6);
            assertEquals(b[i], bw[i], 1e-6);
        }
    }

    @Test
    void broadAndOutOfRangeRootsAreNotFormants() {
        // A 40 Hz resonance, a 1500 Hz one with a 1200 Hz bandwidth, and a real formant at 900 Hz.
        double[] a = Synth.allPolePolynomial(SR, new double[] {40, 1500, 900}, new double[] {60, 1200, 80});
        double[] freq = new double[3];
        double[] bw = new double[3];
        int n = Formants.fromLpc(a, SR, new double[a.length], new double[a.length], freq, bw);
        assertEquals(1, n);
        assertEquals(900, freq[0], 1e-6);
        assertTrue(Double.isNaN(freq[1]) && Double.isNaN(bw[2]));
    }

    @Test
    void lpcOrderFollowsTheSampleRate() {
        assertEquals(18, Formants.lpcOrder(16000));
        assertEquals(10, Formants.lpcOrder(8000));
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] out = new double[p.length + q.length - 1];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < q.length; j++) {
                out[i + j] += p[i] * q[j];
            }
        }
        return out;
    }
}

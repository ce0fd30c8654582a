package org.ser4j.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The window-method FIR design and its FFT overlap-add filtering. */
class FirTest {

    @Test
    void overlapAddEqualsDirectCentredConvolution() {
        Random random = new Random(7);
        double[] x = new double[10_000]; // several overlap-add blocks and a ragged end
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] h = Fir.lowPass(0.2, 151, 8);
        double[] y = Fir.filter(x, h);
        assertEquals(x.length, y.length);
        int m = (h.length - 1) / 2;
        for (int i = 0; i < x.length; i += 37) {
            double direct = 0;
            for (int k = 0; k < h.length; k++) {
                int j = i + k - m;
                if (j >= 0 && j < x.length) {
                    direct += h[k] * x[j];
                }
            }
            assertEquals(direct, y[i], 1e-9, "sample " + i);
        }
    }

    @Test
    void lowPassMeetsTheMaskKaisersFormulaPromises() {
        double transition = 400.0 / 16000;
        double[] h = Fir.lowPass(7000.0 / 16000, Fir.taps(90, transition), Fir.kaiserBeta(90));
        for (double f = 0; f <= 8000; f += 25) {
            double re = 0;
            double im = 0;
            for (int n = 0; n < h.length; n++) {
                re += h[n] * Math.cos(2 * Math.PI * f / 16000 * n);
                im -= h[n] * Math.sin(2 * Math.PI * f / 16000 * n);
            }
            double db = 10 * Math.log10(re * re + im * im);
            if (f <= 6800) {
                assertEquals(0, db, 0.01, f + " Hz");
            } else if (f >= 7200) {
                assertTrue(db < -85, f + " Hz: " + db + " dB");
            }
        }
    }

    @Test
    void besselI0MatchesKnownValues() {
        // Abramowitz and Stegun, table 9.8: I0(1) = 1.2660658778, I0(5) = 27.239871823
        assertEquals(1.2660658778, Fir.besselI0(1), 1e-9);
        assertEquals(27.239871823, Fir.besselI0(5), 1e-8);
    }

    @Test
    void badDesignsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fir.lowPass(0.2, 100, 8));
        assertThrows(IllegalArgumentException.class, () -> Fir.bandPass(0.3, 0.2, 101, 8));
        assertThrows(IllegalArgumentException.class, () -> Fir.lowPass(0.6, 101, 8));
    }
}

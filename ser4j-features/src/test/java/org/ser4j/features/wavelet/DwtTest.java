package org.ser4j.features.wavelet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Dwt against pywt.dwt / pywt.wavedec / pywt.dwt_max_level (mode 'symmetric') on short synthetic signals. */
class DwtTest {
    /**
     * Coefficients: at most 40 products per value in double, summed in another order than PyWavelets' C loop at the
     * boundaries, repeated over up to 6 levels; a few ulps of the signal's scale (|x| <= 1) each. Measured worst
     * (printed): 2.2e-16 with PyWavelets 1.8.0.
     */
    private static final double COEFF_ABS_TOLERANCE = 1e-12;

    @Test
    void singleLevelMatchesPywtDwtIncludingSignalsShorterThanTheFilter() {
        double worst = 0;
        int cases = 0;
        for (JsonNode c : DwtReference.JSON.get("dwt")) {
            Wavelet w = Wavelet.of(c.get("wavelet").asText());
            double[] x = DwtReference.doubles(c.get("x"));
            double[][] out = Dwt.dwt(x, w);
            String what = w + " n=" + x.length;
            assertEquals(Dwt.outputLength(x.length, w), out[0].length, what);
            worst = Math.max(worst, DwtReference.maxAbs(out[0], DwtReference.doubles(c.get("cA"))));
            worst = Math.max(worst, DwtReference.maxAbs(out[1], DwtReference.doubles(c.get("cD"))));
            assertTrue(worst <= COEFF_ABS_TOLERANCE, what + ": worst " + worst);
            cases++;
        }
        System.out.printf("pywt.dwt: %d cases, max abs difference %.3e%n", cases, worst);
        assertEquals(24, cases);
    }

    @Test
    void wavedecMatchesPywtAtEveryLevelUpToTheMaximum() {
        double worst = 0;
        int cases = 0;
        for (JsonNode c : DwtReference.JSON.get("wavedec")) {
            Wavelet w = Wavelet.of(c.get("wavelet").asText());
            int level = c.get("level").asInt();
            double[] x = DwtReference.doubles(c.get("x"));
            double[][] expected = DwtReference.matrix(c.get("coeffs"));
            double[][] actual = Dwt.wavedec(x, w, level);
            String what = w + " n=" + x.length + " level=" + level;
            assertEquals(level + 1, actual.length, what);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k].length, actual[k].length, what + " array " + k);
                worst = Math.max(worst, DwtReference.maxAbs(actual[k], expected[k]));
            }
            assertTrue(worst <= COEFF_ABS_TOLERANCE, what + ": worst " + worst);
            cases++;
        }
        System.out.printf("pywt.wavedec: %d cases, max abs difference %.3e%n", cases, worst);
        assertTrue(cases >= 30, "cases " + cases);
    }

    @Test
    void maxLevelIsPywtDwtMaxLevel() {
        for (JsonNode c : DwtReference.JSON.get("max_level")) {
            Wavelet w = Wavelet.of(c.get("wavelet").asText());
            int n = c.get("n").asInt();
            assertEquals(c.get("max_level").asInt(), Dwt.maxLevel(n, w), w + " n=" + n);
        }
    }

    @Test
    void levelAboveTheMaximumIsClampedAndTooShortSignalsAreRefused() {
        Wavelet db4 = Wavelet.of("db4");
        double[] x = new double[100]; // pywt.dwt_max_level(100, 8) = 3
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(0.3 * i);
        }
        assertEquals(3, Dwt.effectiveLevel(100, db4, 9));
        double[][] clamped = Dwt.wavedec(x, db4, 9);
        double[][] atMax = Dwt.wavedec(x, db4, 3);
        assertEquals(4, clamped.length);
        for (int k = 0; k < atMax.length; k++) {
            assertArrayEquals(atMax[k], clamped[k], 0.0);
        }
        assertEquals(4, Dwt.wavedec(x, db4).length, "level=None is the maximum, as pywt");

        // 13 samples: fewer than 2 (L - 1) = 14, so not even one level (pywt.dwt_max_level = 0)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dwt.wavedec(new double[13], db4, 1));
        assertTrue(e.getMessage().contains("13 samples") && e.getMessage().contains("14"), e.getMessage());
        assertEquals(2, Dwt.wavedec(new double[14], db4, 5).length);
        e = assertThrows(IllegalArgumentException.class, () -> Dwt.wavedec(x, db4, 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dwt.dwt(new double[0], db4));
    }

    @Test
    void decomposerReusesItsBuffersAndAgreesWithWavedec() {
        Wavelet db2 = Wavelet.of("db2");
        double[] signal = new double[300];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = Math.cos(0.05 * i * i);
        }
        Dwt.Decomposer d = new Dwt.Decomposer(64, db2, 4);
        for (int from : new int[] {0, 100, 236}) {
            double[] segment = java.util.Arrays.copyOfRange(signal, from, from + 64);
            double[][] expected = Dwt.wavedec(segment, db2, 4);
            double[][] actual = d.decompose(signal, from);
            for (int k = 0; k < expected.length; k++) {
                assertArrayEquals(expected[k], actual[k], 0.0, "from " + from + " array " + k);
            }
        }
    }
}

package org.ser4j.features.wavelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.features.pitch.ReferenceClips;

/**
 * WaveletStatistics against per-level statistics the generator computed with numpy from pywt.wavedec(y, 'db4',
 * level=5) of every reference clip (int16 / 32768 samples, as read here).
 */
class WaveletStatisticsTest {
    /**
     * Relative to max(|expected|, 1e-12): sums of squares over up to 77k coefficients in a different order than
     * numpy's pairwise summation, and coefficients a few ulps off PyWavelets'; measured (printed) 1.7e-13 relative, 1.5e-13 absolute.
     */
    private static final double RELATIVE_TOLERANCE = 1e-9;

    @Test
    void namesAreLevelMajorInPywtOrder() {
        List<String> names = WaveletStatistics.names(5);
        List<String> expected = new ArrayList<>();
        DwtReference.JSON.get("clip_statistics").get("names").forEach(n -> expected.add(n.asText()));
        assertEquals(expected, names);
        assertEquals(30, names.size());
        assertEquals("dwt_a5_energy", names.get(0));
        assertEquals("dwt_d1_std", names.get(29));
    }

    @Test
    void referenceClipStatisticsMatchPyWavelets() {
        JsonNode ref = DwtReference.JSON.get("clip_statistics");
        Wavelet w = Wavelet.of(ref.get("wavelet").asText());
        int level = ref.get("level").asInt();
        List<String> names = WaveletStatistics.names(level);
        double worstRel = 0;
        double worstAbs = 0;
        int clips = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("clips").fields(); it.hasNext(); clips++) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] expected = DwtReference.doubles(e.getValue());
            double[] actual = WaveletStatistics.values(ReferenceClips.clip(e.getKey()).y(), w, level);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                double abs = Math.abs(actual[i] - expected[i]);
                double rel = abs / Math.max(Math.abs(expected[i]), 1e-12);
                worstAbs = Math.max(worstAbs, abs);
                worstRel = Math.max(worstRel, rel);
                assertTrue(rel <= RELATIVE_TOLERANCE, e.getKey() + " " + names.get(i) + ": " + actual[i]
                        + " vs pywt " + expected[i]);
            }
        }
        System.out.printf("clip statistics: %d clips, max abs %.3e, max rel %.3e%n", clips, worstAbs, worstRel);
        assertEquals(15, clips);
    }

    @Test
    void silenceGivesZerosNotNaN() {
        double[] v = WaveletStatistics.values(new double[16000], Wavelet.of("db4"), 5);
        for (int i = 0; i < v.length; i++) {
            assertEquals(0.0, v[i], 0.0, WaveletStatistics.names(5).get(i));
        }
    }

    @Test
    void relativeEnergiesSumToOneAndEntropyIsBounded() {
        double[] y = ReferenceClips.clip("speech1_16k").y();
        int level = 5;
        double[] v = WaveletStatistics.values(y, Wavelet.of("db4"), level);
        double[][] coeffs = Dwt.wavedec(y, Wavelet.of("db4"), level);
        double shares = 0;
        for (int k = 0; k <= level; k++) {
            shares += v[k * 5 + 1];
            double entropy = v[k * 5 + 2];
            assertTrue(entropy > 0 && entropy <= Math.log(coeffs[k].length), "entropy " + entropy);
        }
        assertEquals(1.0, shares, 1e-12);
    }

    @Test
    void shortSignalsAreClampedWithUnreachedLevelsZeroAndTooShortOnesRefused() {
        Wavelet db4 = Wavelet.of("db4");
        double[] y = new double[60]; // pywt.dwt_max_level(60, 8) = 3
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(0.7 * i) + 0.1 * i;
        }
        double[] v = WaveletStatistics.values(y, db4, 5);
        assertEquals(30, v.length);
        double[][] coeffs = Dwt.wavedec(y, db4, 3);
        assertEquals(WaveletStatistics.energy(coeffs[0]), v[0], 0.0, "a5 slot holds a3");
        for (int i = 5; i < 15; i++) {
            assertEquals(0.0, v[i], 0.0, "d5 and d4 not reached: " + WaveletStatistics.names(5).get(i));
        }
        assertEquals(WaveletStatistics.energy(coeffs[1]), v[15], 0.0, "d3");
        assertEquals(WaveletStatistics.energy(coeffs[3]), v[25], 0.0, "d1");
        assertThrows(IllegalArgumentException.class, () -> WaveletStatistics.values(new double[10], db4, 5));
        assertThrows(IllegalArgumentException.class, () -> WaveletStatistics.values(y, db4, 0));
        assertThrows(IllegalArgumentException.class, () -> WaveletStatistics.names(0));
    }
}

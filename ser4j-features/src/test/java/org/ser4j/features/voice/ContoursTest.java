package org.ser4j.features.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContoursTest {
    private static final double NAN = Double.NaN;

    @Test
    void sma3AveragesIncludedNeighboursOnly() {
        double[] x = {1, 2, 6, NAN, 4, 8};
        assertArrayEquals(new double[] {1.5, 3, 4, NAN, 6, 6}, Contours.sma3(x), 1e-12);
        boolean[] voiced = {true, true, false, true, true, true};
        assertArrayEquals(new double[] {1.5, 1.5, NAN, NAN, 6, 6}, Contours.sma3(x, voiced), 1e-12);
    }

    @Test
    void risingAndFallingSlopesPerSecond() {
        // Step 0.01 s: rise 0->3 over 3 frames (100/s), fall 3->1 over 1 frame (200/s), break, rise 1->2 (100/s).
        double[] x = {0, 1, 2, 3, 1, NAN, 1, 2};
        double[] s = Contours.risingFallingSlopes(x, 0.01);
        assertEquals(100, s[0], 1e-9);
        assertEquals(0, s[1], 1e-9);
        assertEquals(200, s[2], 1e-9);
        assertEquals(0, s[3], 1e-9);
        double[] none = Contours.risingFallingSlopes(new double[] {1, 1, 1}, 0.01);
        assertTrue(Double.isNaN(none[0]) && Double.isNaN(none[2]));
    }

    @Test
    void peaksNeedToRiseAndFallByDelta() {
        double[] x = {0, 1, 0, 0.05, 0, 1, 0.1, 1.2, 0};
        assertEquals(3, Contours.peakCount(x, 0.5));
        assertEquals(4, Contours.peakCount(x, 0.01));
        assertEquals(0, Contours.peakCount(new double[] {0, 0, 0}, 0.1));
    }

    @Test
    void segmentLengthsExcludeLeadingAndTrailingSilenceFromPauses() {
        boolean[] v = {false, true, true, false, false, false, true, false, false};
        assertArrayEquals(new double[] {0.02, 0.01}, Contours.segmentLengths(v, 0.01, true), 1e-12);
        assertArrayEquals(new double[] {0.03}, Contours.segmentLengths(v, 0.01, false), 1e-12);
        assertEquals(0, Contours.segmentLengths(new boolean[4], 0.01, false).length);
    }
}

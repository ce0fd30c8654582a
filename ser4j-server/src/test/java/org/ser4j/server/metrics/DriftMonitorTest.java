package org.ser4j.server.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
    @Test
    void divergenceIsZeroForTheTrainingMixAndOneForADisjointOne() {
        assertEquals(0, DriftMonitor.jensenShannon(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 1e-12);
        assertEquals(1, DriftMonitor.jensenShannon(new double[] {1, 0}, new double[] {0, 1}), 1e-12);
        // JS(p, q) with p = (1, 0), q = (0.5, 0.5): 0.5*log2(1/0.75) + 0.5*(0.5*log2(0.5/0.75) + 0.5*log2(0.5/0.25))
        double expected = 0.5 * log2(1 / 0.75) + 0.5 * (0.5 * log2(0.5 / 0.75) + 0.5 * log2(2));
        assertEquals(expected, DriftMonitor.jensenShannon(new double[] {1, 0}, new double[] {0.5, 0.5}), 1e-12);
    }

    @Test
    void theWindowRollsOverTheLastPredictions() {
        DriftMonitor m = new DriftMonitor(List.of("a", "b"), new double[] {1, 1}, 4);
        assertTrue(Double.isNaN(m.divergence()));
        for (String e : List.of("a", "a", "b", "b")) {
            m.record(e);
        }
        assertEquals(0, m.divergence(), 1e-12);
        for (int i = 0; i < 4; i++) {
            m.record("a");
        }
        assertArrayEquals(new double[] {1, 0}, m.windowDistribution(), 1e-12);
        assertEquals(4, m.size());
        m.record("unknown");
        assertEquals(4, m.size());
        assertTrue(m.divergence() > 0.3);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

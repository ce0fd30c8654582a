package org.ser4j.models.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RobustnessTest {
    @Test
    void jensenShannonInBitsHasItsTextbookValues() {
        assertEquals(0, Robustness.jensenShannon(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}), 1e-15);
        assertEquals(1, Robustness.jensenShannon(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
        assertEquals(1, Robustness.jensenShannon(new double[] {0.5, 0.5, 0}, new double[] {0, 0, 1}), 1e-15);
        // p = (1/2, 1/2), q = (1, 0): m = (3/4, 1/4); JSD = 1/2 [1/2 log2(2/3) + 1/2 log2(2) + log2(4/3)]
        double expected = 0.5 * (0.5 * Math.log(2.0 / 3) / Math.log(2) + 0.5 + Math.log(4.0 / 3) / Math.log(2));
        assertEquals(0.3112781244591328, expected, 1e-15);
        assertEquals(expected, Robustness.jensenShannon(new double[] {0.5, 0.5}, new double[] {1, 0}), 1e-12);
        assertEquals(expected, Robustness.jensenShannon(new double[] {1, 0}, new double[] {0.5, 0.5}), 1e-12);
    }

    @Test
    void theAccumulatorCountsAgreementAndUnweightedAccuracy() {
        Robustness.Accumulator a = new Robustness.Accumulator("x", 2);
        a.add(0, new double[] {0.9, 0.1}, new double[] {0.8, 0.2}); // right, agrees
        a.add(1, new double[] {0.3, 0.7}, new double[] {0.6, 0.4}); // clean right, rendered wrong
        a.add(1, new double[] {0.4, 0.6}, new double[] {0.4, 0.6}); // right, agrees
        Robustness r = a.result();
        assertEquals(3, r.n());
        assertEquals(2 / 3.0, r.agreement(), 1e-12);
        assertEquals(1.0, r.cleanUa(), 1e-12);
        assertEquals((1.0 + 0.5) / 2, r.ua(), 1e-12);
    }
}

package org.ser4j.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.models.Classifier;

class CalibrationTest {
    @Test
    void temperatureRescalesProbabilitiesAsPowers() {
        // T = 2: p^(1/2) renormalised; sqrt(0.8) / (sqrt(0.8) + sqrt(0.2)) = 2/3
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, TemperatureScaling.apply(new double[] {0.8, 0.2}, 2), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.2, 0.1}, TemperatureScaling.apply(new double[] {0.7, 0.2, 0.1}, 1),
                1e-12);
    }

    @Test
    void fittedTemperatureRecoversTheMiscalibration() {
        // Labels drawn from softmax(2 z) while the model reports softmax(z): the model is under-confident by a
        // factor of 2 in the logits, so the NLL-optimal temperature is 1/2.
        Random random = new Random(5);
        int n = 20000;
        double[][] reported = new double[n][];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            reported[i] = softmax(z, 1);
            double[] actual = softmax(z, 2);
            double u = random.nextDouble();
            int c = 0;
            while (c < 2 && u > actual[c]) {
                u -= actual[c];
                c++;
            }
            truth[i] = c;
        }
        double t = TemperatureScaling.fit(reported, truth);
        assertEquals(0.5, t, 0.05);
        double before = ReliabilityDiagram.of(reported, truth).expectedCalibrationError();
        double[][] scaled = new double[n][];
        for (int i = 0; i < n; i++) {
            scaled[i] = TemperatureScaling.apply(reported[i], t);
        }
        double after = ReliabilityDiagram.of(scaled, truth).expectedCalibrationError();
        assertTrue(after < before / 2, "ECE before " + before + ", after " + after);
    }

    @Test
    void expectedCalibrationErrorMatchesHandComputation() {
        // Confidences 0.85 (right), 0.85 (wrong), 0.65 (right), 0.55 (right) in 10 bins:
        // bin (0.8, 0.9]: 2 items, confidence 0.85, accuracy 0.5 -> 2/4 * 0.35
        // bin (0.6, 0.7]: 1 item, 0.65 vs 1 -> 1/4 * 0.35;  bin (0.5, 0.6]: 1 item, 0.55 vs 1 -> 1/4 * 0.45
        double[][] p = {{0.85, 0.15}, {0.85, 0.15}, {0.35, 0.65}, {0.45, 0.55}};
        int[] truth = {0, 1, 1, 1};
        ReliabilityDiagram d = ReliabilityDiagram.of(p, truth, 10);
        assertEquals(0.5 * 0.35 + 0.25 * 0.35 + 0.25 * 0.45, d.expectedCalibrationError(), 1e-12);
        ReliabilityDiagram.Bin bin = d.bins().get(8);
        assertEquals(2, bin.count());
        assertEquals(0.85, bin.meanConfidence(), 1e-12);
        assertEquals(0.5, bin.accuracy(), 1e-12);
        assertEquals(0, d.bins().get(0).count());
    }

    @Test
    void scaledClassifierKeepsClassesAndRanking() {
        Classifier base = new Classifier() {
            public List<String> classes() {
                return List.of("x", "y", "z");
            }

            public double[] predictProba(double[] features) {
                return new double[] {0.6, 0.3, 0.1};
            }
        };
        double[] p = new TemperatureScaledClassifier(base, 3).predictProba(new double[0]);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        assertTrue(p[0] > p[1] && p[1] > p[2] && p[0] < 0.6, "softened, same order");
    }

    private static double[] softmax(double[] z, double scale) {
        double[] e = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(scale * z[i]);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}

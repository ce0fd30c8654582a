package org.ser4j.features.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Functionals against analytic answers (population moments of known distributions, numpy's percentile rule). */
class FunctionalsTest {

    @Test
    void meanStdMinMaxOfAnArithmeticSequence() {
        double[] x = IntStream.rangeClosed(1, 5).asDoubleStream().toArray(); // 1..5
        double[] v = Functionals.of("mean", "std", "min", "max", "range").apply(x);
        // population variance of 1..5 = 2
        assertArrayEquals(new double[] {3, Math.sqrt(2), 1, 5, 4}, v, 1e-15);
    }

    @Test
    void percentilesInterpolateLinearlyLikeNumpy() {
        double[] x = {10, 0, 30, 20}; // sorted 0 10 20 30; position q/100 * 3
        assertEquals(0, Functionals.percentile(x, 0), 0);
        assertEquals(30, Functionals.percentile(x, 100), 0);
        assertEquals(15, Functionals.percentile(x, 50), 1e-12); // between 10 and 20
        assertEquals(7.5, Functionals.percentile(x, 25), 1e-12); // position 0.75
        assertEquals(27, Functionals.percentile(x, 90), 1e-12); // position 2.7
        double[] v = Functionals.of("p25", "p75", "iqr").apply(x);
        assertArrayEquals(new double[] {7.5, 22.5, 15}, v, 1e-12);
    }

    @Test
    void skewAndKurtosisOfABernoulliSampleMatchTheClosedForms() {
        // 1 one and 3 zeros: a Bernoulli(p = 1/4) population; skew = (1-2p)/sqrt(p q), excess kurtosis
        // = (1 - 6 p q) / (p q)
        double[] x = {0, 1, 0, 0};
        double p = 0.25;
        double q = 1 - p;
        assertEquals((1 - 2 * p) / Math.sqrt(p * q), Functionals.skew(x), 1e-12);
        assertEquals((1 - 6 * p * q) / (p * q), Functionals.kurtosis(x), 1e-12);
    }

    @Test
    void symmetricUniformGridHasZeroSkewAndTheDiscreteUniformKurtosis() {
        int n = 101;
        double[] x = IntStream.range(0, n).asDoubleStream().toArray();
        assertEquals(0, Functionals.skew(x), 1e-12);
        // discrete uniform on n points: excess kurtosis = -6 (n^2 + 1) / (5 (n^2 - 1))
        assertEquals(-6.0 * (n * n + 1) / (5.0 * (n * n - 1)), Functionals.kurtosis(x), 1e-12);
    }

    @Test
    void constantRowHasNanShapeStatisticsLikeScipy() {
        double[] x = {2, 2, 2, 2};
        double[] v = Functionals.of("std", "skew", "kurtosis").apply(x);
        assertEquals(0, v[0]);
        assertTrue(Double.isNaN(v[1]) && Double.isNaN(v[2]), Arrays.toString(v));
    }

    @Test
    void slopeRecoversALineAndSkipsNanFrames() {
        double[] x = new double[50];
        for (int t = 0; t < x.length; t++) {
            x[t] = 3.0 - 0.25 * t;
        }
        assertEquals(-0.25, Functionals.slope(x), 1e-12);
        x[7] = Double.NaN;
        x[30] = Double.NaN;
        assertEquals(-0.25, Functionals.slope(x), 1e-12);
    }

    @Test
    void nanFramesAreIgnoredAndAllNanGivesNan() {
        double[] f0 = {Double.NaN, 100, Double.NaN, 200, 300, Double.NaN};
        double[] v = Functionals.of("mean", "min", "max", "p50").apply(f0);
        assertArrayEquals(new double[] {200, 100, 300, 200}, v, 1e-12);
        double[] none = {Double.NaN, Double.NaN};
        for (double s : Functionals.CONTOUR.apply(none)) {
            assertTrue(Double.isNaN(s));
        }
    }

    @Test
    void namesAreFeatureRowStatRowMajorAndMatchTheValueLayout() {
        Functionals f = Functionals.of("mean", "std");
        assertEquals(List.of("mfcc_0_mean", "mfcc_0_std", "mfcc_1_mean", "mfcc_1_std"), f.names("mfcc", 2));
        double[] v = f.apply(new double[][] {{1, 3}, {5, 5}});
        assertArrayEquals(new double[] {2, 1, 5, 0}, v, 0);
    }

    @Test
    void unknownStatisticIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functionals.of("median2"));
        assertTrue(e.getMessage().contains("median2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functionals.of("p101"));
        assertEquals(List.of("mean", "p50"), Functionals.parse("mean, p50").stats());
    }
}

package org.ser4j.features.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectralDescriptorsTest {
    private static final int N_FFT = 512;
    private static final double BIN_HZ = 16000.0 / N_FFT; // 31.25 Hz

    /** A power spectrum with constant power per bin in [lo, hi) Hz bands. */
    private static double[] bands(double[][] loHiPower) {
        double[] p = new double[N_FFT / 2 + 1];
        for (double[] band : loHiPower) {
            for (int k = 0; k < p.length; k++) {
                double f = k * BIN_HZ;
                if (f >= band[0] && f < band[1]) {
                    p[k] = band[2];
                }
            }
        }
        return p;
    }

    @Test
    void alphaRatioComparesTheHighBandWithTheLowBand() {
        // 50-1000 Hz: bins 2..31 (30 bins) at power 1; 1-5 kHz: bins 32..159 (128 bins) at 0.01.
        double[] p = bands(new double[][] {{50, 1000, 1}, {1000, 5000, 0.01}});
        assertEquals(10 * Math.log10(128 * 0.01 / 30), SpectralBalance.alphaRatioDb(p, BIN_HZ), 1e-9);
    }

    @Test
    void hammarbergIndexComparesBandMaxima() {
        double[] p = bands(new double[][] {{0, 2000, 0.5}, {2000, 5000, 0.005}});
        p[20] = 2; // strongest low peak
        p[100] = 0.02; // strongest high peak
        assertEquals(20, SpectralBalance.hammarbergIndexDb(p, BIN_HZ), 1e-9);
    }

    @Test
    void slopeOfAnExponentialSpectrumIsItsDbPerHz() {
        // Power falling 6 dB per 100 Hz: slope -0.06 dB/Hz in both bands.
        double[] p = new double[N_FFT / 2 + 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.pow(10, (-0.06 * k * BIN_HZ) / 10);
        }
        assertEquals(-0.06, SpectralBalance.slopeDbPerHz(p, BIN_HZ, 0, 500), 1e-9);
        assertEquals(-0.06, SpectralBalance.slopeDbPerHz(p, BIN_HZ, 500, 1500), 1e-9);
    }

    @Test
    void fluxIsTheSquaredMagnitudeChange() {
        double[] a = {1, 2, 3};
        double[] b = {2, 2, 0};
        // (1)^2 + 0 + 3^2 = 10
        assertEquals(10, SpectralBalance.flux(a, b), 1e-12);
        assertEquals(0, SpectralBalance.flux(a, a), 1e-12);
    }

    @Test
    void silenceGivesFiniteBalanceValues() {
        double[] p = new double[N_FFT / 2 + 1];
        assertEquals(0, SpectralBalance.alphaRatioDb(p, BIN_HZ), 1e-12);
        assertEquals(0, SpectralBalance.hammarbergIndexDb(p, BIN_HZ), 1e-12);
        assertEquals(0, SpectralBalance.slopeDbPerHz(p, BIN_HZ, 0, 500), 1e-12);
    }

    @Test
    void loudnessFollowsThePowerLawAndTheEqualLoudnessCurve() {
        Loudness loudness = new Loudness(16000, N_FFT);
        assertEquals(19, loudness.bandCount()); // Bark(8 kHz) = 19.7
        double[] p = bands(new double[][] {{0, 8001, 1e-3}});
        double[] p4 = bands(new double[][] {{0, 8001, 4e-3}});
        // Four times the power is 4^0.33 times as loud.
        assertEquals(Math.pow(4, Loudness.COMPRESSION), loudness.of(p4) / loudness.of(p), 1e-9);
        assertEquals(0, loudness.of(new double[p.length]), 0);
        // Equal power at 100 Hz is quieter than at 1 kHz (equal-loudness curve).
        double[] low = new double[p.length];
        double[] mid = new double[p.length];
        low[3] = 1; // 94 Hz
        mid[32] = 1; // 1000 Hz
        assertTrue(loudness.of(low) < 0.5 * loudness.of(mid));
    }

    @Test
    void harmonicDifferencesReadTheHarmonicPeaks() {
        double binHz = 16000.0 / 2048;
        double f0 = 125; // exactly bin 16
        double[] p = new double[1025];
        p[16] = 1;      // H1
        p[32] = 0.25;   // H2: 6.02 dB below
        p[15] = 0.5;    // sidelobe, below the peak
        p[20 * 16] = 0.001; // harmonic 20 at 2500 Hz = F3: 30 dB below H1
        assertEquals(10 * Math.log10(4), HarmonicAmplitudes.h1MinusH2Db(p, binHz, f0), 1e-9);
        assertEquals(30, HarmonicAmplitudes.h1MinusA3Db(p, binHz, f0, 2500), 1e-9);
        assertEquals(-30, HarmonicAmplitudes.formantRelativeToH1Db(p, binHz, f0, 2510), 1e-9);
        assertTrue(Double.isNaN(HarmonicAmplitudes.h1MinusH2Db(p, binHz, Double.NaN)));
    }
}

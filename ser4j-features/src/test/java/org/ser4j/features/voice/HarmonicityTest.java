package org.ser4j.features.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;
import org.ser4j.dsp.Windows;

class HarmonicityTest {
    private static final int SR = 16000;
    private static final StftParams LONG = new StftParams(2048, 160, 960, "hann", true, "constant");
    private static final int MIN_LAG = SR / 600;
    private static final int MAX_LAG = SR / 60;

    /** Mean HNR over the frames fully inside the signal. */
    private static double meanHnr(double[] y) {
        double[][] power = Stft.powerSpectrogram(y, LONG);
        double[] windowAcf = Harmonicity.windowAutocorrelation(Windows.padded("hann", 960, 2048), MAX_LAG + 1);
        double[] column = new double[power.length];
        double[] acf = new double[2048];
        int nFrames = power[0].length;
        double sum = 0;
        int n = 0;
        for (int t = 4; t < nFrames - 4; t++) {
            for (int k = 0; k < column.length; k++) {
                column[k] = power[k][t];
            }
            Harmonicity.autocorrelationFromPower(column, acf);
            sum += Harmonicity.hnrDb(acf, windowAcf, MIN_LAG, MAX_LAG);
            n++;
        }
        return sum / n;
    }

    private static double[] tone(double f0) {
        return Synth.harmonicTone(SR, SR, Synth.constant(SR, f0), 5, 0.3);
    }

    private static double power(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return s / y.length;
    }

    @Test
    void cleanHarmonicToneHasAHighHnr() {
        double hnr = meanHnr(tone(150));
        System.out.printf("HNR clean tone: %.1f dB%n", hnr);
        assertTrue(hnr > 40, "clean tone HNR " + hnr);
    }

    @Test
    void whiteNoiseHasALowHnr() {
        double hnr = meanHnr(Synth.gaussianNoise(SR, 0.1, 3));
        System.out.printf("HNR white noise: %.1f dB%n", hnr);
        assertTrue(hnr < -5 && hnr > -20, "white noise HNR " + hnr);
    }

    @Test
    void toneInNoiseGivesTheMixedInRatio() {
        for (double targetDb : new double[] {0, 10, 20}) {
            double[] h = tone(130);
            double[] noise = Synth.gaussianNoise(SR, 1, 11);
            double scale = Math.sqrt(power(h) / power(noise) / Math.pow(10, targetDb / 10));
            double[] y = new double[SR];
            for (int i = 0; i < SR; i++) {
                y[i] = h[i] + scale * noise[i];
            }
            double hnr = meanHnr(y);
            System.out.printf("HNR mixed at %.0f dB: %.2f dB%n", targetDb, hnr);
            assertEquals(targetDb, hnr, 1.0);
        }
    }

    @Test
    void silenceAndClampAreDefined() {
        assertEquals(-100, meanHnr(new double[SR]), 1e-6);
        assertEquals(0.0, Harmonicity.rToDb(0.5), 1e-12);
        assertEquals(100, Harmonicity.rToDb(2), 1e-6);
    }
}

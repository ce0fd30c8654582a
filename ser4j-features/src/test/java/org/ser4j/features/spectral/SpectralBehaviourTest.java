package org.ser4j.features.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ser4j.dsp.StftParams;

/** Known analytic properties of the spectral features, input validation, and thread safety. */
class SpectralBehaviourTest {
    private static final int SR = 16000;

    private static double[] sine(double hz, double seconds, double amp) {
        double[] y = new double[(int) (seconds * SR)];
        for (int i = 0; i < y.length; i++) {
            y[i] = amp * Math.sin(2 * Math.PI * hz * i / SR);
        }
        return y;
    }

    @Test
    void tuningOfADetunedSineIsItsOffsetInBins() {
        for (double offset : new double[] {-0.3, 0.0, 0.25}) {
            double hz = 440.0 * Math.pow(2.0, offset / 12);
            Spectrogram s = Spectrogram.of(sine(hz, 2.0, 0.5), SR, StftParams.LIBROSA_DEFAULT);
            double t = Tuning.estimateTuning(s.power(), SR, 2048);
            // 0.01-bin histogram; piptrack's parabola on the Hann power spectrum is biased by up to ~0.15 FFT bin
            // (7.8 Hz at n_fft 2048), i.e. ~1 Hz = 4 cents = 0.04 chroma bins at 440 Hz (measured: -0.34 for -0.3)
            assertEquals(offset, t, 0.05, "tuning of a sine " + offset + " bins off A440");
        }
    }

    @Test
    void centroidOfASineIsItsFrequencyAndZcrIsTwiceItsFrequency() {
        double hz = 1000.0;
        double[] y = sine(hz, 1.0, 0.5);
        Spectrogram s = Spectrogram.of(y, SR, StftParams.SPEECH_16K);
        double[] c = SpectralShape.centroid(s.magnitude(), SR, 512)[0];
        for (int t = 5; t < c.length - 5; t++) { // frames away from the zero-padded edges
            assertEquals(hz, c[t], 5.0, "centroid frame " + t);
        }
        float[] yf = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            yf[i] = (float) y[i];
        }
        double[] zcr = ZeroCrossingRate.zeroCrossingRate(yf, 400, 160)[0];
        // 2 crossings per period: 2 * 1000 / 16000 per sample (+- one crossing per 400-sample frame)
        assertEquals(2 * hz / SR, zcr[zcr.length / 2], 1.0 / 400 + 1e-12);
    }

    @Test
    void flatnessSeparatesNoiseFromATone() {
        java.util.Random rnd = new java.util.Random(7);
        double[] noise = new double[SR];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rnd.nextGaussian() * 0.1;
        }
        double noiseFlat = mean(SpectralShape.flatness(Spectrogram.of(noise, SR, StftParams.SPEECH_16K)
                .magnitude(), 1e-10, 2.0)[0]);
        double toneFlat = mean(SpectralShape.flatness(Spectrogram.of(sine(440, 1, 0.5), SR, StftParams.SPEECH_16K)
                .magnitude(), 1e-10, 2.0)[0]);
        // white Gaussian noise: |X|^2 is exponential, whose geometric/arithmetic mean ratio is exp(-gamma) = 0.56
        assertEquals(Math.exp(-0.5772156649), noiseFlat, 0.05);
        assertTrue(toneFlat < 1e-3, "tone flatness " + toneFlat);
    }

    @Test
    void deltaOfALinearRampIsItsSlopeEverywhereAndDelta2IsZero() {
        double[][] ramp = new double[2][20];
        for (int t = 0; t < 20; t++) {
            ramp[0][t] = 0.5 * t;
            ramp[1][t] = 3 - 2.0 * t;
        }
        double[][] d1 = Delta.delta(ramp, 9, 1);
        double[][] d2 = Delta.delta(ramp, 9, 2);
        for (int t = 0; t < 20; t++) { // including the polynomial-fitted edges
            assertEquals(0.5, d1[0][t], 1e-12);
            assertEquals(-2.0, d1[1][t], 1e-12);
            assertEquals(0.0, d2[0][t], 1e-12);
        }
        // Savitzky-Golay first-derivative weights for width 9 are k / 60, k = -4..4
        assertArrayEquals(new double[] {-4 / 60.0, -3 / 60.0, -2 / 60.0, -1 / 60.0, 0, 1 / 60.0, 2 / 60.0, 3 / 60.0,
                4 / 60.0}, Delta.savgolWeights(9, 1, 1, 4), 1e-15);
    }

    @Test
    void badParametersAreRefusedWithClearMessages() {
        assertMessage(() -> new MelParams(0, 0, null, false, "slaney", true), "n_mels");
        assertMessage(() -> new MelParams(64, 0, null, false, "bogus", true), "norm");
        assertMessage(() -> Delta.delta(new double[][] {new double[20]}, 4, 1), "odd");
        assertMessage(() -> new ChromaParams(12, 0.7, Double.POSITIVE_INFINITY, 5, 2.0, 2, true, true), "tuning");
        assertMessage(() -> Decibels.powerToDb(new double[][] {{1}}, 1.0, 0.0, 80), "amin");
        double[][] mag = Spectrogram.of(sine(440, 0.5, 0.5), 8000, StftParams.SPEECH_16K).magnitude();
        // at 8 kHz the 6th octave band starts at 6400 Hz, above Nyquist (4000 Hz)
        assertMessage(() -> SpectralContrast.contrast(mag, 8000, 512, ContrastParams.DEFAULT), "Nyquist");
        assertMessage(() -> SpectralShape.rolloff(mag, 8000, 512, 1.5), "roll_percent");
        assertMessage(() -> new MfccParams(200, true, 0, MelParams.DEFAULT), "n_mfcc");
    }

    @Test
    void featureFunctionsGiveIdenticalResultsFromManyThreads() throws Exception {
        double[] y = sine(523.25, 1.5, 0.3);
        // parameters not used elsewhere, so the threads race to build the filter banks
        MfccParams mfccParams = new MfccParams(13, true, 0, MelParams.DEFAULT.withNMels(57));
        ChromaParams chromaParams = new ChromaParams(12, null, Double.POSITIVE_INFINITY, 4.5, 2.0, 2, true, true);
        StftParams stft = new StftParams(1024, 256, 1024, "hann", true, "constant");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][][]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    Spectrogram s = Spectrogram.of(y, SR, stft);
                    return new double[][][] {Mfcc.mfcc(s, mfccParams), Chroma.chromaStft(s, chromaParams),
                            SpectralContrast.contrast(s.magnitude(), SR, 1024, ContrastParams.DEFAULT)};
                }));
            }
            double[][][] first = results.get(0).get();
            for (Future<double[][][]> f : results) {
                double[][][] r = f.get();
                for (int k = 0; k < first.length; k++) {
                    for (int row = 0; row < first[k].length; row++) {
                        assertArrayEquals(first[k][row], r[k][row], 0.0);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String word) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(word), "message '" + ex.getMessage() + "' should mention " + word);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}

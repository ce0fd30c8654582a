package org.ser4j.features.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.Conditioning;
import org.ser4j.audio.EmptyAudioException;
import org.ser4j.audio.Signal;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.stats.Functionals;

class EgemapsSetTest {
    private static final int SR = 16000;
    /**
     * The descriptors on the signals as synthesised: without the default spec's conditioning, which would trim and
     * rescale them (the conditioned default is tested on its own below).
     */
    private static final EgemapsSet.Extractor EX = (EgemapsSet.Extractor) FeatureSets.extractor(
            FeatureSets.defaultSpec("egemaps").withConditioning(Conditioning.NONE));
    private static final FeatureExtractor CONDITIONED = FeatureSets.extractor(FeatureSets.defaultSpec("egemaps"));

    private static double value(double[] v, String name) {
        int i = EX.names().indexOf(name);
        assertTrue(i >= 0, name);
        return v[i];
    }

    private static double[] voicedValues(double[] track, VoiceLlds d) {
        double[] out = track.clone();
        for (int t = 0; t < out.length; t++) {
            if (!d.pitch().voicedFlag()[t]) {
                out[t] = Double.NaN;
            }
        }
        return out;
    }

    /** A vowel: an impulse train at f0 through an all-pole vocal tract with the given formants. */
    private static double[] vowel(double f0, double seconds, double[] formants, double[] bandwidths) {
        int n = (int) (seconds * SR);
        double[] source = new double[n];
        for (double t = 0.01 * SR; t < n; t += SR / f0) {
            source[(int) Math.round(t)] = 1;
        }
        double[] y = Synth.allPoleFilter(Synth.allPolePolynomial(SR, formants, bandwidths), source);
        double peak = Arrays.stream(y).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < n; i++) {
            y[i] *= 0.5 / peak;
        }
        return y;
    }

    @Test
    void namesAreThe88PublishedOnesInOrder() {
        List<String> names = EX.names();
        assertEquals(88, names.size());
        assertEquals(88, new HashSet<>(names).size());
        assertEquals("F0semitoneFrom27.5Hz_sma3nz_amean", names.get(0));
        assertEquals("F0semitoneFrom27.5Hz_sma3nz_stddevFallingSlope", names.get(9));
        assertEquals("loudness_sma3_percentile20.0", names.get(12));
        assertEquals("spectralFlux_sma3_amean", names.get(20));
        assertEquals("jitterLocal_sma3nz_stddevNorm", names.get(31));
        assertEquals("HNRdBACF_sma3nz_amean", names.get(34));
        assertEquals("logRelF0-H1-A3_sma3nz_stddevNorm", names.get(39));
        assertEquals("F1frequency_sma3nz_amean", names.get(40));
        assertEquals("F3amplitudeLogRelF0_sma3nz_stddevNorm", names.get(57));
        assertEquals("alphaRatioV_sma3nz_amean", names.get(58));
        assertEquals("mfcc4V_sma3nz_stddevNorm", names.get(75));
        assertEquals("alphaRatioUV_sma3nz_amean", names.get(76));
        assertEquals("spectralFluxUV_sma3nz_amean", names.get(80));
        assertEquals("loudnessPeaksPerSec", names.get(81));
        assertEquals("MeanUnvoicedSegmentLength", names.get(85));
        assertEquals("equivalentSoundLevel_dBp", names.get(87));
    }

    @Test
    void glideFrom100To300HzGivesTheGeneratedF0Track() {
        int n = 2 * SR;
        double[] f0 = new double[n];
        for (int i = 0; i < n; i++) {
            f0[i] = 100 + 200.0 * i / n;
        }
        Signal s = Signal.ofDoubles(Synth.harmonicTone(n, SR, f0, 5, 0.3), SR, "glide");
        VoiceLlds d = EX.llds(s);
        int voiced = 0;
        for (int t = 2; t < d.nFrames() - 2; t++) {
            assertTrue(d.pitch().voicedFlag()[t], "frame " + t + " voiced");
            double expected = f0[t * 160];
            assertEquals(expected, d.pitch().f0()[t], 0.01 * expected, "frame " + t);
            voiced++;
        }
        assertTrue(voiced > 190);
        double[] v = EX.extract(s);
        // 100 Hz .. 300 Hz is 19.8 .. 38.8 semitones above 27.5 Hz; the median frame is at ~200 Hz = 34.4 st.
        assertEquals(12 * Math.log(200 / 27.5) / Math.log(2), value(v, "F0semitoneFrom27.5Hz_sma3nz_percentile50.0"),
                0.1);
        // A rise of 12 log2(3) = 19.02 semitones in 2 s: 9.51 st/s; it never falls.
        assertEquals(19.02 / 2, value(v, "F0semitoneFrom27.5Hz_sma3nz_meanRisingSlope"), 0.3);
        assertEquals(0, value(v, "F0semitoneFrom27.5Hz_sma3nz_meanFallingSlope"));
        assertEquals(0.5, value(v, "VoicedSegmentsPerSec"), 1e-9);
    }

    @Test
    void vowelFromAKnownAllPoleFilterGivesBackItsFormants() {
        double[] formants = {730, 1090, 2440, 3400};
        double[] bandwidths = {90, 110, 170, 250};
        VoiceLlds d = EX.llds(Signal.ofDoubles(vowel(120, 1.0, formants, bandwidths), SR, "a"));
        assertTrue(d.pitch().voicedCount() > 90);
        for (int i = 0; i < 3; i++) {
            double mean = Functionals.mean(voicedValues(d.formantFrequency()[i], d));
            System.out.printf("F%d = %.1f Hz (true %.0f), B%d = %.1f Hz%n", i + 1, mean, formants[i], i + 1,
                    Functionals.mean(d.formantBandwidth()[i]));
            assertEquals(formants[i], mean, 0.05 * formants[i], "F" + (i + 1));
        }
        assertEquals(120, Functionals.mean(voicedValues(d.pitch().f0(), d)), 1.0);
    }

    @Test
    void jitterAndShimmerPutIntoAPulseTrainComeOutOfTheWholePipeline() {
        // 100 Hz pulses whose periods alternate 162/158 samples (jitter 2.5 %) and amplitudes 1.1/0.9
        // (shimmer 20 log10(1.1/0.9) = 1.74 dB).
        int[] periods = new int[199];
        double[] amps = new double[200];
        for (int i = 0; i < periods.length; i++) {
            periods[i] = i % 2 == 0 ? 162 : 158;
        }
        for (int i = 0; i < amps.length; i++) {
            amps[i] = 0.4 * (i % 2 == 0 ? 1.1 : 0.9);
        }
        int[] pos = Synth.positions(400, periods);
        double[] y = Synth.pulseTrain(pos[pos.length - 1] + 400, pos, amps);
        double[] v = EX.extract(Signal.ofDoubles(y, SR, "pulses"));
        assertEquals(0.025, value(v, "jitterLocal_sma3nz_amean"), 0.025 * 0.05);
        assertEquals(20 * Math.log10(1.1 / 0.9), value(v, "shimmerLocaldB_sma3nz_amean"), 0.05);
        assertEquals(12 * Math.log(100 / 27.5) / Math.log(2), value(v, "F0semitoneFrom27.5Hz_sma3nz_amean"), 0.1);
    }

    @Test
    void cleanToneHasHighHnrAndNoiseIsUnvoiced() {
        double[] tone = Synth.harmonicTone(SR, SR, Synth.constant(SR, 150), 5, 0.3);
        double[] v = EX.extract(Signal.ofDoubles(tone, SR, "tone"));
        assertTrue(value(v, "HNRdBACF_sma3nz_amean") > 30, "HNR " + value(v, "HNRdBACF_sma3nz_amean"));
        // White noise is (almost) never voiced, and its frame-level HNR is well below 0 dB.
        VoiceLlds noise = EX.llds(Signal.ofDoubles(Synth.gaussianNoise(SR, 0.1, 5), SR, "noise"));
        assertTrue(noise.pitch().voicedCount() <= 2, "voiced noise frames: " + noise.pitch().voicedCount());
    }

    @Test
    void louderSpeechIsLouderAndHasAHigherSoundLevel() {
        double[] quiet = vowel(150, 1.0, new double[] {500, 1500, 2500}, new double[] {80, 100, 150});
        double[] loud = quiet.clone();
        for (int i = 0; i < loud.length; i++) {
            loud[i] *= 1.8;
        }
        double[] q = EX.extract(Signal.ofDoubles(quiet, SR, "q"));
        double[] l = EX.extract(Signal.ofDoubles(loud, SR, "l"));
        // Loudness scales with power^0.33: 1.8^(2 * 0.33).
        assertEquals(Math.pow(1.8, 2 * Loudness.COMPRESSION), value(l, "loudness_sma3_amean")
                / value(q, "loudness_sma3_amean"), 1e-6);
        assertEquals(20 * Math.log10(1.8), value(l, "equivalentSoundLevel_dBp") - value(q, "equivalentSoundLevel_dBp"),
                1e-6); // float32 samples round the 1.8 scaling
    }

    @Test
    void theDefaultSpecsConditioningMakesLoudnessIndependentOfTheRecordingLevel() {
        double[] quiet = vowel(150, 1.0, new double[] {500, 1500, 2500}, new double[] {80, 100, 150});
        double[] loud = Arrays.stream(quiet).map(x -> 4 * x).toArray();
        double[] q = CONDITIONED.extract(Signal.ofDoubles(quiet, SR, "q"));
        double[] l = CONDITIONED.extract(Signal.ofDoubles(loud, SR, "l"));
        assertEquals(value(q, "loudness_sma3_amean"), value(l, "loudness_sma3_amean"),
                1e-4 * value(q, "loudness_sma3_amean"));
        assertEquals(value(q, "equivalentSoundLevel_dBp"), value(l, "equivalentSoundLevel_dBp"), 1e-3);
    }

    @Test
    void degenerateInputsGiveFiniteVectorsWithoutExceptions() {
        double[] tone = Synth.harmonicTone(SR, SR, Synth.constant(SR, 200), 5, 1.0);
        double[] clipped = Arrays.stream(tone).map(x -> Math.max(-0.3, Math.min(0.3, x))).toArray();
        Map<String, double[]> inputs = Map.of("silence", new double[SR], "noise", Synth.gaussianNoise(SR, 0.1, 9),
                "clipped", clipped, "50ms", Arrays.copyOf(tone, 800), "one sample", new double[] {0.5});
        for (Map.Entry<String, double[]> e : inputs.entrySet()) {
            double[] v = EX.extract(Signal.ofDoubles(e.getValue(), SR, e.getKey()));
            assertEquals(88, v.length);
            for (int i = 0; i < v.length; i++) {
                assertTrue(Double.isFinite(v[i]), e.getKey() + ": " + EX.names().get(i) + " = " + v[i]);
            }
        }
        // No samples at all is an input error, as for every feature set.
        assertThrows(EmptyAudioException.class, () -> EX.extract(new Signal(new float[0], SR, "empty")));
        double[] silence = EX.extract(Signal.ofDoubles(new double[SR], SR, "silence"));
        assertEquals(0, value(silence, "VoicedSegmentsPerSec"));
        assertEquals(0, value(silence, "F0semitoneFrom27.5Hz_sma3nz_amean"));
        assertEquals(-100, value(silence, "equivalentSoundLevel_dBp"), 1e-9);
        // A clipped tone is still a voiced 200 Hz tone.
        double[] c = EX.extract(Signal.ofDoubles(clipped, SR, "clipped"));
        assertEquals(12 * Math.log(200 / 27.5) / Math.log(2), value(c, "F0semitoneFrom27.5Hz_sma3nz_amean"), 0.1);
    }

    @Test
    void concurrentExtractionGivesTheSameVectors() throws Exception {
        double[] y = vowel(130, 1.0, new double[] {600, 1200, 2600}, new double[] {80, 100, 150});
        Signal s = Signal.ofDoubles(y, SR, "v");
        double[] expected = EX.extract(s);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = pool.invokeAll(java.util.Collections.nCopies(8, () -> EX.extract(s)));
            for (Future<double[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void specParametersAreCheckedAndSerialisable() {
        FeatureSpec spec = FeatureSets.defaultSpec("egemaps");
        assertEquals(spec, FeatureSpec.fromJson(spec.toJson()));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureSets.extractor(new FeatureSpec("egemaps", 1, SR, Map.of("n_fft", "512"))));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureSets.extractor(new FeatureSpec("egemaps", 2, SR, Map.of())));
        EgemapsSet.Extractor narrow = (EgemapsSet.Extractor) FeatureSets.extractor(new FeatureSpec("egemaps", 1, SR,
                Map.of("f0_min", "150", "f0_max", "400")));
        // A 100 Hz tone lies outside a 150-400 Hz search range: no voiced frames.
        double[] tone = Synth.harmonicTone(SR, SR, Synth.constant(SR, 100), 5, 0.3);
        assertEquals(0, narrow.llds(Signal.ofDoubles(tone, SR, "t")).pitch().voicedCount(), 5);
    }

    @Test
    void otherSampleRatesAreResampledFirst() {
        // The same 150 Hz tone at 22.05 kHz gives the same pitch after resampling to 16 kHz.
        int sr = 22050;
        double[] tone = Synth.harmonicTone(sr, sr, Synth.constant(sr, 150), 5, 0.3);
        double[] v = EX.extract(Signal.ofDoubles(tone, sr, "22k"));
        assertEquals(12 * Math.log(150 / 27.5) / Math.log(2), value(v, "F0semitoneFrom27.5Hz_sma3nz_amean"), 0.05);
    }
}

package org.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.EmptyAudioException;
import org.ser4j.audio.InvalidAudioException;
import org.ser4j.audio.Signal;
import org.ser4j.features.spectral.LibrosaReference;

/** The seed and full sets: parity of seed with librosa's seed_vector, layouts, and spec refusal. */
class FeatureSetsTest {

    @Test
    void seedVectorMatchesLibrosaOnEveryClipAtItsNativeRate() {
        double worst = 0;
        String worstClip = "";
        int clips = 0;
        for (String clip : LibrosaReference.clips()) {
            var ref = LibrosaReference.features(clip, "seed_vector");
            if (ref.isEmpty()) {
                continue;
            }
            Signal s = LibrosaReference.load(clip);
            FeatureSpec spec = withRate(FeatureSets.defaultSpec("seed"), s.sampleRate());
            double[] v = FeatureSets.extractor(spec).extract(s);
            double e = LibrosaReference.peakRelativeError(ref.get(), new double[][] {v}, clip);
            assertTrue(e <= 1e-6, clip + " seed_vector error " + e + " > rtol 1e-6");
            if (e > worst) {
                worst = e;
                worstClip = clip;
            }
            clips++;
        }
        assertEquals(LibrosaReference.clips().size(), clips, "every clip has a seed_vector");
        System.out.printf("seed_vector: worst peak-rel error %.3e over %d clips (at %s)%n", worst, clips, worstClip);
    }

    @Test
    void seedHas59NamedValuesAndResamplesOtherRates() {
        FeatureExtractor seed = FeatureSets.extractor(FeatureSets.defaultSpec("seed"));
        assertEquals(59, seed.names().size());
        assertEquals("mfcc_0_mean", seed.names().get(0));
        assertEquals("chroma_stft_0_mean", seed.names().get(40));
        assertEquals("spectral_contrast_6_mean", seed.names().get(58));
        Signal at22k = LibrosaReference.load("speech1_22k");
        double[] v = seed.extract(at22k);
        assertEquals(59, v.length);
        // the same utterance at 16 kHz (sox-made) gives close features after resampling 22.05 -> 16 kHz
        double[] native16 = seed.extract(LibrosaReference.load("speech1_16k"));
        for (int i = 0; i < 40; i++) {
            assertEquals(native16[i], v[i], 0.05 * Math.abs(native16[0]), "mfcc mean " + i);
        }
    }

    @Test
    void fullSetHasAFixedFiniteLayoutOfAFewHundredValues() {
        FeatureExtractor full = FeatureSets.extractor(FeatureSets.defaultSpec("full"));
        List<String> names = full.names();
        assertEquals(497, names.size());
        assertEquals(names.size(), new HashSet<>(names).size(), "names are unique");
        for (String clip : List.of("speech2_16k", "silence_tone300_16k", "short50ms_16k", "noise_16k")) {
            double[] v = full.extract(LibrosaReference.load(clip));
            assertEquals(names.size(), v.length);
            for (int i = 0; i < v.length; i++) {
                assertTrue(Double.isFinite(v[i]), clip + " " + names.get(i) + " = " + v[i]);
            }
        }
        // speech is voiced for a good part; white noise hardly at all
        double[] speech = full.extract(LibrosaReference.load("speech2_16k"));
        double[] noise = full.extract(LibrosaReference.load("noise_16k"));
        int voiced = names.indexOf("f0_voiced_fraction");
        assertTrue(speech[voiced] > 0.3 && noise[voiced] < 0.1, speech[voiced] + " / " + noise[voiced]);
    }

    @Test
    void extractorsGiveIdenticalVectorsFromManyThreads() throws Exception {
        List<Signal> clips = List.of(LibrosaReference.load("speech1_16k"), LibrosaReference.load("ravdess_angry_22k"));
        for (String set : List.of("seed", "full")) {
            FeatureExtractor ex = FeatureSets.extractor(FeatureSets.defaultSpec(set));
            List<double[]> expected = new ArrayList<>();
            for (Signal s : clips) {
                expected.add(ex.extract(s));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Signal s = clips.get(i % 2);
                    futures.add(pool.submit(() -> ex.extract(s)));
                }
                for (int i = 0; i < 8; i++) {
                    assertArrayEquals(expected.get(i % 2), futures.get(i).get(), 0.0, set + " run " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void specsThisBuildCannotReproduceAreRefused() {
        FeatureSpec seed = FeatureSets.defaultSpec("seed");
        assertMessage(() -> FeatureSets.extractor(new FeatureSpec("nosuch", 1, 16000, Map.of())), "nosuch");
        assertMessage(() -> FeatureSets.extractor(new FeatureSpec("seed", 2, 16000, seed.params())), "newer");
        Map<String, String> extra = new HashMap<>(seed.params());
        extra.put("n_fftt", "512");
        assertMessage(() -> FeatureSets.extractor(new FeatureSpec("seed", 1, 16000, extra)), "n_fftt");
        Map<String, String> bad = new HashMap<>(seed.params());
        bad.put("n_mfcc", "many");
        assertMessage(() -> FeatureSets.extractor(new FeatureSpec("seed", 1, 16000, bad)), "n_mfcc");
        assertEquals(List.of("seed", "full"), FeatureSets.names().subList(0, 2));
    }

    @Test
    void specRoundTripsThroughJsonToTheSameExtractorLayout() {
        FeatureSpec full = FeatureSets.defaultSpec("full");
        FeatureSpec back = FeatureSpec.fromJson(full.toJson());
        assertEquals(full, back);
        assertEquals(FeatureSets.extractor(full).names(), FeatureSets.extractor(back).names());
    }

    @Test
    void badAudioFailsWithTypedErrorsNamingTheInput() {
        FeatureExtractor seed = FeatureSets.extractor(FeatureSets.defaultSpec("seed"));
        EmptyAudioException empty = assertThrows(EmptyAudioException.class,
                () -> seed.extract(new Signal(new float[0], 16000, "empty.wav")));
        assertTrue(empty.getMessage().contains("empty.wav"), empty.getMessage());
        float[] y = new float[16000];
        y[123] = Float.NaN;
        InvalidAudioException nan = assertThrows(InvalidAudioException.class,
                () -> seed.extract(new Signal(y, 16000, "nan.wav")));
        assertTrue(nan.getMessage().contains("nan.wav") && nan.getMessage().contains("123"), nan.getMessage());
    }

    private static FeatureSpec withRate(FeatureSpec spec, int rate) {
        return new FeatureSpec(spec.set(), spec.version(), rate, spec.params());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String word) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(word), "message '" + ex.getMessage() + "' should mention " + word);
    }

    /**
     * Version 2 of full adds MFCC skewness and kurtosis and the wavelet statistics; a bundle's version 1 spec still
     * computes the 387 values it was trained on, each equal to the same-named value of version 2.
     */
    @Test
    void fullVersionOneIsStillComputedForOldBundles() {
        FeatureSpec v2 = FeatureSets.defaultSpec("full");
        assertEquals(2, v2.version());
        FeatureSpec v1 = FeatureSets.spec("full@1", Map.of(), null);
        assertEquals(1, v1.version());
        assertEquals(v2.conditioning(), v1.conditioning());
        assertTrue(!v1.params().containsKey("dwt_level"));
        FeatureExtractor old = FeatureSets.extractor(v1);
        FeatureExtractor current = FeatureSets.extractor(v2);
        assertEquals(387, old.names().size());
        assertTrue(current.names().containsAll(old.names()));
        assertTrue(current.names().containsAll(List.of("mfcc_0_skew", "mfcc_39_kurtosis", "dwt_a5_energy",
                "dwt_d1_entropy")));
        Signal speech = LibrosaReference.load("speech2_16k");
        double[] a = old.extract(speech);
        double[] b = current.extract(speech);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[current.names().indexOf(old.names().get(i))], 0.0, old.names().get(i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSets.extractor(
                new FeatureSpec("full", 1, 16000, java.util.Map.of("dwt_level", "3"), v2.conditioning())));
        assertTrue(e.getMessage().contains("dwt_level"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureSets.extractor(
                FeatureSets.spec("full", java.util.Map.of("dwt_wavelet", "sym4"), null)));
        assertThrows(IllegalArgumentException.class, () -> FeatureSets.spec("full@3", Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> FeatureSets.spec("seed@0", Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> FeatureSets.spec("full@x", Map.of(), null));
    }

    @Test
    void specsRecordTheirConditioningAndOldSpecsReadAsResamplingOnly() {
        FeatureSpec full = FeatureSets.defaultSpec("full");
        assertEquals(org.ser4j.audio.Conditioning.SPEECH, full.conditioning());
        FeatureSpec back = FeatureSpec.fromJson(full.toJson());
        assertEquals(full.conditioning(), back.conditioning());
        // a bundle written before conditioning existed has no such field
        String old = "{\"set\": \"full\", \"version\": 1, \"sampleRate\": 16000, \"params\": {\"n_fft\": \"512\"}}";
        FeatureSpec legacy = FeatureSpec.fromJson(old);
        assertEquals(org.ser4j.audio.Conditioning.NONE, legacy.conditioning());
        // conditioned vectors never share a cache entry with unconditioned ones; an unconditioned spec keeps the old key
        FeatureSpec none = full.withConditioning(org.ser4j.audio.Conditioning.NONE);
        assertTrue(!none.cacheKey().equals(full.cacheKey()));
        assertEquals(new FeatureSpec("full", full.version(), 16000, full.params()).cacheKey(), none.cacheKey());
    }
}

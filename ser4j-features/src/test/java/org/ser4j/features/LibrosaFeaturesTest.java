package org.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.Signal;
import org.ser4j.features.spectral.LibrosaReference;

/**
 * The registry by librosa name: the CLI's path to each feature must give librosa's values and orientation with
 * librosa's parameter names (checked on the speech-parameter set of speech1_16k, every registered spectral feature).
 */
class LibrosaFeaturesTest {
    private static final Signal SPEECH = LibrosaReference.load("speech1_16k");
    private static final Map<String, String> SPEECH_STFT = Map.of("n_fft", "512", "hop_length", "160",
            "win_length", "400");

    private static double[][] compute(String name, Map<String, String> params) {
        return LibrosaFeatures.compute(name, SPEECH, new Params(params));
    }

    private static Map<String, String> with(Map<String, String> base, String... kv) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void assertParity(String quantity, double[][] ours, double rtol) {
        double[][] ref = LibrosaReference.features("speech1_16k", quantity).orElseThrow();
        double e = LibrosaReference.peakRelativeError(ref, ours, quantity);
        assertTrue(e <= rtol, quantity + " via registry: error " + e + " > " + rtol);
        System.out.printf("registry %-28s peak-rel error %.3e%n", quantity, e);
    }

    @Test
    void registeredSpectralFeaturesMatchLibrosaWithLibrosaParameterNames() {
        assertParity("stft_mag_speech", compute("stft", SPEECH_STFT), 1e-6);
        assertParity("mel_n64_speech", compute("melspectrogram", with(SPEECH_STFT, "n_mels", "64")), 1e-6);
        assertParity("mfcc_n13_speech", compute("mfcc", with(SPEECH_STFT, "n_mels", "64", "n_mfcc", "13")), 1e-6);
        assertParity("mfcc_n40_delta_speech", compute("mfcc_delta", with(SPEECH_STFT, "n_mels", "64", "n_mfcc", "40")),
                1e-6);
        assertParity("mfcc_n40_delta2_speech", compute("mfcc_delta2", with(SPEECH_STFT, "n_mels", "64", "n_mfcc", "40",
                "width", "9")), 1e-6);
        assertParity("chroma_stft_speech", compute("chroma_stft", SPEECH_STFT), 1e-6);
        assertParity("tonnetz_chroma_stft_speech", compute("tonnetz_chroma_stft", SPEECH_STFT), 1e-5);
        assertParity("spectral_contrast_speech", compute("spectral_contrast", SPEECH_STFT), 1e-6);
        assertParity("spectral_centroid_speech", compute("spectral_centroid", SPEECH_STFT), 1e-6);
        assertParity("spectral_bandwidth_speech", compute("spectral_bandwidth", SPEECH_STFT), 1e-6);
        assertParity("spectral_flatness_speech", compute("spectral_flatness", SPEECH_STFT), 1e-6);
        assertParity("spectral_rolloff_speech", compute("spectral_rolloff", with(SPEECH_STFT, "roll_percent", "0.85")),
                0.0);
        Map<String, String> frames = Map.of("frame_length", "400", "hop_length", "160");
        assertParity("zcr_speech", compute("zero_crossing_rate", frames), 0.0);
        assertParity("rms_speech", compute("rms", frames), 1e-6);
        assertParity("rms_f64_speech", compute("rms", with(frames, "dtype", "float64")), 1e-9);
        // librosa defaults when no parameter is given
        assertParity("mfcc_n20", compute("mfcc", Map.of()), 1e-6);
        assertParity("chroma_stft", compute("chroma_stft", Map.of()), 1e-6);
    }

    @Test
    void namesListTheLibrosaFeaturesWithDescriptions() {
        List<String> names = LibrosaFeatures.names();
        for (String n : List.of("stft", "melspectrogram", "mfcc", "mfcc_delta", "mfcc_delta2", "chroma_stft",
                "spectral_contrast", "tonnetz_chroma_stft", "zero_crossing_rate", "rms", "spectral_centroid",
                "spectral_bandwidth", "spectral_rolloff", "spectral_flatness")) {
            assertTrue(names.contains(n), n + " registered");
            assertTrue(!LibrosaFeatures.description(n).isBlank());
        }
        // any feature has delta variants
        assertEquals(compute("spectral_centroid", SPEECH_STFT)[0].length,
                compute("spectral_centroid_delta2", SPEECH_STFT)[0].length);
    }

    @Test
    void unknownFeaturesAndParametersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compute("mfccs", Map.of()));
        assertTrue(e.getMessage().contains("mfccs") && e.getMessage().contains("mfcc,"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> compute("mfcc", Map.of("n_mfc", "13")));
        assertTrue(e.getMessage().contains("n_mfc"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> compute("spectral_centroid", Map.of("n_mels", "64")));
        assertTrue(e.getMessage().contains("n_mels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> compute("mfcc", Map.of("dct_type", "3")));
        assertTrue(e.getMessage().contains("dct_type"), e.getMessage());
    }

    @Test
    void tooShortForDeltaIsRefusedLikeLibrosa() {
        Signal shortClip = LibrosaReference.load("short50ms_16k");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibrosaFeatures.compute("mfcc_delta", shortClip, Params.empty()));
        assertTrue(e.getMessage().contains("width=9"), e.getMessage());
    }
}

package org.ser4j.features.wavelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.Signal;
import org.ser4j.features.LibrosaFeatures;
import org.ser4j.features.Params;
import org.ser4j.features.spectral.LibrosaReference;

/** The frame feature {@code dwt} (through the CLI's registry) against per-frame pywt.wavedec log energies. */
class DwtFramesTest {
    /**
     * Absolute, in nats: log of mean squares of 2048-sample frames whose coefficients are ulps off PyWavelets';
     * floored silent frames are exactly ln(1e-10) on both sides. Measured (printed): 1.1e-14.
     */
    private static final double LOG_ENERGY_ABS_TOLERANCE = 1e-9;

    @Test
    void defaultsMatchPywtPerFrame() {
        JsonNode ref = DwtReference.JSON.get("frame_log_energy");
        // the reference was made with this feature's defaults
        assertEquals(DwtParams.DEFAULT.wavelet().name(), ref.get("wavelet").asText());
        assertEquals(DwtParams.DEFAULT.level(), ref.get("level").asInt());
        assertEquals(DwtParams.DEFAULT.frameLength(), ref.get("frame_length").asInt());
        assertEquals(DwtParams.DEFAULT.hopLength(), ref.get("hop_length").asInt());
        assertEquals(DwtFrames.ENERGY_FLOOR, ref.get("floor").asDouble());
        double worst = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("clips").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[][] expected = DwtReference.matrix(e.getValue());
            double[][] actual = LibrosaFeatures.compute("dwt", LibrosaReference.load(e.getKey()), Params.empty());
            assertEquals(expected.length, actual.length, e.getKey() + " rows");
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k].length, actual[k].length, e.getKey() + " frames");
                worst = Math.max(worst, DwtReference.maxAbs(actual[k], expected[k]));
            }
            assertTrue(worst <= LOG_ENERGY_ABS_TOLERANCE, e.getKey() + ": worst " + worst);
        }
        System.out.printf("dwt frames: max abs difference %.3e%n", worst);
    }

    @Test
    void clipShorterThanOneFrameIsCentrePaddedLikeRms() {
        Signal shortClip = LibrosaReference.load("short50ms_16k"); // 800 samples < 2048
        double[][] dwt = LibrosaFeatures.compute("dwt", shortClip, Params.empty());
        double[][] rms = LibrosaFeatures.compute("rms", shortClip, Params.empty());
        assertEquals(6, dwt.length);
        assertEquals(rms[0].length, dwt[0].length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibrosaFeatures.compute("dwt", shortClip, params("center", "false")));
        assertTrue(e.getMessage().contains("shorter than frame_length"), e.getMessage());
    }

    @Test
    void parametersShapeTheOutput() {
        Signal s = LibrosaReference.load("speech1_16k");
        double[][] m = LibrosaFeatures.compute("dwt", s, new Params(Map.of("wavelet", "db1", "level", "3",
                "frame_length", "400", "hop_length", "160")));
        assertEquals(4, m.length);
        assertEquals(1 + s.length() / 160, m[0].length);
        for (double[] row : m) {
            for (double v : row) {
                assertTrue(Double.isFinite(v) && v >= Math.log(DwtFrames.ENERGY_FLOOR));
            }
        }
    }

    @Test
    void silenceIsTheFloorNotMinusInfinity() {
        double[][] m = DwtFrames.logEnergies(new double[8000], DwtParams.DEFAULT);
        for (double[] row : m) {
            for (double v : row) {
                assertEquals(Math.log(DwtFrames.ENERGY_FLOOR), v, 0.0);
            }
        }
    }

    @Test
    void badParametersAreRefusedWithTheirNames() {
        Signal s = LibrosaReference.load("sine440_16k");
        assertRefused(s, "wavelet", "sym4", "sym4");
        assertRefused(s, "level", "0", "level");
        assertRefused(s, "level", "five", "level");
        assertRefused(s, "level", "9", "dwt_max_level"); // 2048 samples, db4: at most 8
        assertRefused(s, "frame_length", "0", "frame_length");
        assertRefused(s, "hop_length", "-1", "hop_length");
        assertRefused(s, "pad_mode", "wrap", "wrap");
        assertRefused(s, "n_fft", "512", "n_fft");
    }

    private static void assertRefused(Signal s, String key, String value, String inMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibrosaFeatures.compute("dwt", s, params(key, value)), key + "=" + value);
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }

    private static Params params(String key, String value) {
        return new Params(Map.of(key, value));
    }
}

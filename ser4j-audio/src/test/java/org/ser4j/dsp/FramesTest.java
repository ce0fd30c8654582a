package org.ser4j.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ser4j.testing.Reference;

class FramesTest {

    /**
     * librosa.feature.rms default (float32 squares, numpy pairwise float32 mean) on every reference clip, both
     * parameter sets. Tolerance 1e-6 peak-relative (reference README); measured: 0 (bit-identical) on all clips.
     */
    @Test
    void rmsMatchesLibrosaFloat32Default() {
        double worst = 0;
        int checked = 0;
        for (String clip : Reference.clips()) {
            double[] y = Reference.clip(clip).toDoubles();
            for (String suffix : new String[] {"", "_speech"}) {
                Path ref = Reference.feature(clip, "rms" + suffix);
                if (!Files.exists(ref)) {
                    continue;
                }
                int frame = suffix.isEmpty() ? 2048 : 400;
                int hop = suffix.isEmpty() ? 512 : 160;
                double[] got = Frames.rms(y, frame, hop, true, "constant", true);
                double err = Reference.peakRelativeError(got, Reference.npy(ref).data());
                worst = Math.max(worst, err);
                assertTrue(err <= 1e-6, clip + suffix + ": rms error " + err);
                checked++;
            }
        }
        assertTrue(checked >= 20, "checked " + checked);
        assertEquals(0.0, worst, "float32 emulation should be bit-exact");
    }

    /** dtype=np.float64 variant: tolerance 1e-9 peak-relative; measured max 0 (within 1 ulp). */
    @Test
    void rmsMatchesLibrosaFloat64() {
        for (String clip : Reference.clips()) {
            double[] y = Reference.clip(clip).toDoubles();
            for (String suffix : new String[] {"", "_speech"}) {
                Path ref = Reference.feature(clip, "rms_f64" + suffix);
                if (!Files.exists(ref)) {
                    continue;
                }
                int frame = suffix.isEmpty() ? 2048 : 400;
                int hop = suffix.isEmpty() ? 512 : 160;
                double[] got = Frames.rms(y, frame, hop, true, "constant", false);
                double err = Reference.peakRelativeError(got, Reference.npy(ref).data());
                assertTrue(err <= 1e-9, clip + suffix + ": rms_f64 error " + err);
            }
        }
    }

    @Test
    void rmsOfConstantIsItsMagnitudeAndCentredEdgesSeeZeros() {
        double[] y = new double[4096];
        java.util.Arrays.fill(y, -0.25);
        double[] uncentred = Frames.rms(y, 1024, 256, false, "constant", false);
        assertEquals(1 + (4096 - 1024) / 256, uncentred.length);
        for (double v : uncentred) {
            assertEquals(0.25, v, 1e-15);
        }
        double[] centred = Frames.rms(y, 1024, 256, true, "constant", false);
        assertEquals(1 + 4096 / 256, centred.length);
        // first frame: 512 zeros + 512 samples of 0.25 -> sqrt(0.5) * 0.25
        assertEquals(0.25 * Math.sqrt(0.5), centred[0], 1e-15);
        double[] edge = Frames.rms(y, 1024, 256, true, "edge", false);
        assertEquals(0.25, edge[0], 1e-15);
    }

    @Test
    void frameCountsFollowLibrosa() {
        assertEquals(63, Frames.count(31962, 2048, 512, true));
        assertEquals(1, Frames.count(0, 2048, 512, true));
        assertThrows(IllegalArgumentException.class, () -> Frames.count(100, 2048, 512, false));
        assertThrows(IllegalArgumentException.class, () -> Frames.count(100, 0, 512, true));
    }

    @Test
    void pairwiseSumMatchesNumpyBlockingNotJustTheExactSum() {
        // 1 + 1e-8 * k in float32: a plain running sum and the pairwise sum round differently.
        float[] a = new float[1000];
        double exact = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = 1f + i * 1e-4f;
            exact += a[i];
        }
        assertEquals(exact, Frames.pairwiseSum(a, 0, a.length), exact * 1e-6);
        double[] d = new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(55.0, Frames.pairwiseSum(d, 0, d.length));
        assertArrayEquals(new double[] {0}, new double[] {Frames.pairwiseSum(d, 0, 0)});
    }
}

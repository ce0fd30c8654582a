package org.ser4j.features.cqt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.Signal;
import org.ser4j.features.LibrosaFeatures;
import org.ser4j.features.Params;

/** CQT and chroma behaviour on tones with known pitch, and the registry entries. */
class CqtTest {
    private static final int SR = 22050;

    private static double[] tone(double hz) {
        double[] y = new double[SR];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.5 * Math.sin(2 * Math.PI * hz * i / SR);
        }
        return y;
    }

    @Test
    void frequenciesStartAtC1AndDoublePerOctave() {
        double[] f = Cqt.frequencies(84, CqtParams.C1_HZ, 12);
        assertEquals(32.703195662574829, f[0], 1e-12);
        assertEquals(2 * f[0], f[12], 1e-12);
        assertEquals(440.0, f[45], 1e-9); // A4 = C1 + 3 octaves + 9 semitones
    }

    @Test
    void toneEnergyPeaksAtItsBinAndChroma() {
        double[][] c = Cqt.magnitude(tone(440), SR, CqtParams.defaults());
        int mid = c[0].length / 2;
        int argmax = 0;
        for (int k = 1; k < c.length; k++) {
            if (c[k][mid] > c[argmax][mid]) {
                argmax = k;
            }
        }
        assertEquals(45, argmax, "A4 bin");
        double[][] chroma = ChromaCqt.chromaCqt(tone(440), SR, ChromaCqtParams.defaults());
        assertEquals(1.0, chroma[9][mid], 1e-12, "A is the loudest pitch class (max-normalised)");
    }

    @Test
    void cqToChromaFoldsThreeBinsPerPitchClass() {
        int[] map = ChromaCqt.cqToChroma(72, 36, 12, CqtParams.C1_HZ);
        assertEquals(0, map[0]);
        assertEquals(0, map[35], "the bin just below C belongs to C");
        assertEquals(0, map[36 + 1]);
        assertEquals(1, map[2]);
        assertEquals(11, map[34]);
    }

    @Test
    void registryComputesPitchCqtAndLpcFeatures() {
        Signal s = new Signal(toFloat(tone(220)), SR, "tone");
        assertEquals(3, LibrosaFeatures.compute("pyin", s, Params.empty()).length);
        assertEquals(12, LibrosaFeatures.compute("chroma_cqt", s, Params.empty()).length);
        assertEquals(6, LibrosaFeatures.compute("tonnetz", s, Params.empty()).length);
        assertEquals(17, LibrosaFeatures.compute("lpc", s, new Params(Map.of("order", "16")))[0].length);
        assertThrows(IllegalArgumentException.class, () -> LibrosaFeatures.compute("lpc", s, Params.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> LibrosaFeatures.compute("cqt", s, new Params(Map.of("res_type", "soxr_hq"))));
    }

    private static float[] toFloat(double[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = (float) y[i];
        }
        return f;
    }
}

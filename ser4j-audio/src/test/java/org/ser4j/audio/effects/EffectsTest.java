package org.ser4j.audio.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;
import org.ser4j.testing.Reference;

class EffectsTest {

    /** trim(top_db=60) indices and length: exact on every reference clip (tolerance: exact). */
    @Test
    void trimMatchesLibrosa() {
        for (String clip : Reference.clips()) {
            Path ref = Reference.feature(clip, "trim_top_db60_index");
            if (!Files.exists(ref)) {
                continue;
            }
            double[] y = Reference.clip(clip).toDoubles();
            Effects.Trimmed t = Effects.trim(y);
            double[] idx = Reference.npy(ref).data();
            assertEquals((int) idx[0], t.start(), clip + " start");
            assertEquals((int) idx[1], t.end(), clip + " end");
            double len = Reference.npy(Reference.feature(clip, "trim_top_db60_length")).data()[0];
            assertEquals((int) len, t.y().length, clip + " length");
        }
    }

    /** split(top_db=30) intervals: exact on every reference clip. */
    @Test
    void splitMatchesLibrosa() {
        for (String clip : Reference.clips()) {
            Path ref = Reference.feature(clip, "split_top_db30");
            if (!Files.exists(ref)) {
                continue;
            }
            double[] y = Reference.clip(clip).toDoubles();
            List<int[]> got = Effects.split(y, 30);
            double[] flat = Reference.npy(ref).data();
            assertEquals(flat.length / 2, got.size(), clip + " interval count");
            for (int i = 0; i < got.size(); i++) {
                assertEquals((int) flat[2 * i], got.get(i)[0], clip + " start " + i);
                assertEquals((int) flat[2 * i + 1], got.get(i)[1], clip + " end " + i);
            }
        }
    }

    /** preemphasis(coef=0.97, zi=None): tolerance 1e-6 peak-relative; measured 0 (the same arithmetic). */
    @Test
    void preemphasisMatchesLibrosa() {
        for (String clip : new String[] {"short50ms_16k", "speech1_16k"}) {
            double[] y = Reference.clip(clip).toDoubles();
            double[] got = Effects.preemphasis(y);
            double err = Reference.peakRelativeError(got, Reference.npy(Reference.feature(clip, "preemphasis")).data());
            assertTrue(err <= 1e-12, clip + " " + err);
            assertEquals(3 * y[0] - y[1], got[0], 0.0);
        }
        assertArrayEquals(new double[] {1.5, 1 - 0.97 * 2}, Effects.preemphasis(new double[] {2, 1}, 0.97, -0.5), 1e-15);
    }

    /**
     * librosa quirk kept: for an all-zero signal every frame is 0 dB relative to the (zero) maximum, since both
     * sides are clamped at amin, so nothing counts as silent and trim keeps the whole signal.
     */
    @Test
    void allZeroSignalIsKeptWholeAsLibrosaDoes() {
        Effects.Trimmed t = Effects.trim(new double[5000]);
        assertEquals(0, t.start());
        assertEquals(5000, t.end());
        assertEquals(1, Effects.split(new double[5000], 30).size());
    }

    @Test
    void normalisation() {
        double[] y = {0.1, -0.4, 0.2, 0.3};
        assertArrayEquals(new double[] {0.25, -1, 0.5, 0.75}, Normalize.peak(y, 1.0), 1e-15);
        double[] r = Normalize.rms(y, -20);
        assertEquals(-20, Normalize.rmsDbfs(r), 1e-12);
        double[] dc = Normalize.removeDc(new double[] {1.5, 0.5, 1.0, 1.0});
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0}, dc, 1e-15);
        assertArrayEquals(new double[3], Normalize.peak(new double[3], 1.0));
        assertArrayEquals(new double[3], Normalize.rms(new double[3], -20));
    }

    /** istft(stft(y)) = y for librosa's default and the speech setting; measured max error ~1e-16. */
    @Test
    void istftInvertsStft() {
        double[] y = Reference.clip("speech1_16k").toDoubles();
        for (StftParams p : new StftParams[] {StftParams.LIBROSA_DEFAULT, StftParams.SPEECH_16K,
            new StftParams(512, 128, 512, "hann", true, "constant")}) {
            double[] back = Stft.istft(Stft.complex(y, p), p, y.length);
            double err = Reference.peakRelativeError(back, y);
            assertTrue(err < 1e-12, p + ": " + err);
        }
    }

    /** Stft.complex agrees with librosa's |STFT| reference (tolerance 1e-6 peak-relative). */
    @Test
    void complexStftMatchesLibrosaMagnitude() {
        double[] y = Reference.clip("speech1_16k").toDoubles();
        Stft.Complex s = Stft.complex(y, StftParams.LIBROSA_DEFAULT);
        double[] ref = Reference.npy(Reference.feature("speech1_16k", "stft_mag")).data();
        double[] got = new double[ref.length];
        int frames = s.nFrames();
        for (int k = 0; k < s.nBins(); k++) {
            for (int t = 0; t < frames; t++) {
                got[k * frames + t] = Math.hypot(s.re()[k][t], s.im()[k][t]);
            }
        }
        assertTrue(Reference.peakRelativeError(got, ref) < 1e-6);
    }
}

package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ser4j.io.SharedPaths;

/** The conditioning of the one audio path: what a container changes (gain, DC, silence, noise floor) is undone. */
class ConditioningTest {
    private static final Signal CLIP = AudioReader.read(SharedPaths.datasets()
            .resolve("ravdess/Actor_01/03-01-05-02-01-01-01.flac"), 16000);
    private static final Conditioning C = Conditioning.SPEECH;

    @Test
    void aGainChangeGivesTheSameConditionedSamples() {
        float[] y = CLIP.samples().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= 0.25f; // -12 dB
        }
        float[] a = C.apply(CLIP).samples();
        float[] b = C.apply(new Signal(y, 16000)).samples();
        assertEquals(a.length, b.length);
        assertTrue(maxAbsDiff(a, b) < 1e-5, "max difference " + maxAbsDiff(a, b));
    }

    @Test
    void aDcOffsetIsRemoved() {
        float[] y = CLIP.samples().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.05f;
        }
        float[] a = C.apply(CLIP).samples();
        float[] b = C.apply(new Signal(y, 16000)).samples();
        assertEquals(a.length, b.length);
        assertTrue(maxAbsDiff(a, b) < 1e-4, "max difference " + maxAbsDiff(a, b));
    }

    @Test
    void leadingAndTrailingSilenceIsTrimmedToTheSameSpeech() {
        // 0.5 s of digital silence on each side (a whole number of 10 ms hops, so frames line up)
        float[] padded = new float[CLIP.length() + 16000];
        System.arraycopy(CLIP.samples(), 0, padded, 8000, CLIP.length());
        float[] a = C.apply(CLIP).samples();
        float[] b = C.apply(new Signal(padded, 16000)).samples();
        assertTrue(Math.abs(a.length - b.length) <= 160, a.length + " vs " + b.length);
        assertTrue(b.length < CLIP.length(), "the clip's own quiet ends are trimmed too");
        assertTrue(Similarity.correlation(a, b, 0) > 0.999, "correlation " + Similarity.correlation(a, b, 0));
    }

    @Test
    void aFewMillisecondsMoreLeadInGiveTheSameConditionedSamples() {
        // lead-ins that are not whole 10 ms hops: the trimmed clip must still start at the same place in the speech
        float[] a = C.apply(CLIP).samples();
        for (int lead : new int[] {37, 101, 163, 1000}) {
            float[] padded = new float[CLIP.length() + lead];
            System.arraycopy(CLIP.samples(), 0, padded, lead, CLIP.length());
            float[] b = C.apply(new Signal(padded, 16000)).samples();
            assertEquals(a.length, b.length, lead + " samples of lead-in");
            // only the DC estimate sees the extra zeros (a mean over more samples)
            assertTrue(maxAbsDiff(a, b) < 1e-4, lead + " samples of lead-in: max difference " + maxAbsDiff(a, b));
        }
    }

    @Test
    void theLevelAndTheNoiseFloorAreThoseOfTheParameters() {
        float[] y = C.apply(CLIP).samples();
        double[] rms = Conditioning.frameRms(y, 400, 160);
        double loudest = Arrays.stream(rms).max().orElseThrow();
        double[] active = Arrays.stream(rms).filter(r -> r >= loudest * Math.pow(10, -45 / 20.0)).sorted().toArray();
        double level = 20 * Math.log10(active[(int) Math.floor(0.95 * (active.length - 1))]);
        assertEquals(-20, level, 0.5);

        // a stretch of digital silence inside the speech carries the -80 dBFS floor afterwards
        float[] withPause = new float[CLIP.length() + 8000];
        System.arraycopy(CLIP.samples(), 0, withPause, 0, CLIP.length() / 2);
        System.arraycopy(CLIP.samples(), CLIP.length() / 2, withPause, CLIP.length() / 2 + 8000,
                CLIP.length() - CLIP.length() / 2);
        float[] z = C.apply(new Signal(withPause, 16000)).samples();
        // the quietest quarter second is inside the pause: nothing but the floor
        double quietest = Arrays.stream(Conditioning.frameRms(z, 4000, 400)).min().orElseThrow();
        assertEquals(-80, 20 * Math.log10(quietest), 0.5);
    }

    @Test
    void theBandLimitRemovesWhatResamplersDisagreeOn() {
        // 6 kHz passes, 7.6 kHz (inside the band every resampler treats differently) is removed
        float[] tones = new float[16000];
        for (int i = 0; i < tones.length; i++) {
            tones[i] = (float) (0.3 * Math.sin(2 * Math.PI * 6000 * i / 16000.0)
                    + 0.3 * Math.sin(2 * Math.PI * 7600 * i / 16000.0));
        }
        Conditioning bandOnly = new Conditioning(false, 0, 0, 0, 0, 7000);
        double[] y = bandOnly.apply(new Signal(tones, 16000)).toDoubles();
        double[] middle = Arrays.copyOfRange(y, 4000, 12000);
        assertEquals(0.3, amplitudeAt(middle, 6000, 16000), 0.003);
        assertTrue(amplitudeAt(middle, 7600, 16000) < 0.3e-4, "7.6 kHz at " + amplitudeAt(middle, 7600, 16000));

        // a round trip through 44.1 kHz (whose resampler cuts at 7.58 kHz) then conditions to the same samples
        Signal roundTrip = Resample.resample(Resample.resample(CLIP, 44100), 16000);
        float[] a = C.apply(CLIP).samples();
        float[] b = C.apply(roundTrip).samples();
        assertEquals(a.length, b.length);
        assertTrue(Similarity.correlation(a, b, 0) > 0.9999, "correlation " + Similarity.correlation(a, b, 0));
    }

    @Test
    void theSameSamplesAlwaysGiveTheSameOutput() {
        assertEquals(0, maxAbsDiff(C.apply(CLIP).samples(), C.apply(CLIP).samples()));
    }

    @Test
    void noneOnlyResamples() {
        assertSame(CLIP, Conditioning.NONE.apply(CLIP));
        Signal at8k = Conditioning.NONE.prepare(CLIP, 8000);
        assertEquals(8000, at8k.sampleRate());
        assertEquals(Resample.resample(CLIP, 8000).length(), at8k.length());
    }

    @Test
    void digitalSilenceStaysSilent() {
        Signal silence = new Signal(new float[16000], 16000);
        float[] y = C.apply(silence).samples();
        for (float v : y) {
            assertEquals(0f, v);
        }
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Conditioning(true, -1, 0.95, -20, 60, 0));
        assertThrows(IllegalArgumentException.class, () -> new Conditioning(true, 45, 1.5, -20, 60, 0));
        assertThrows(IllegalArgumentException.class, () -> new Conditioning(true, 45, 0.95, Double.NaN, 60, 0));
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** The amplitude of the sinusoid at {@code hz} in {@code y} (a single-bin DFT over whole periods). */
    private static double amplitudeAt(double[] y, double hz, int sr) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < y.length; i++) {
            re += y[i] * Math.cos(2 * Math.PI * hz * i / sr);
            im += y[i] * Math.sin(2 * Math.PI * hz * i / sr);
        }
        return 2 * Math.hypot(re, im) / y.length;
    }

}

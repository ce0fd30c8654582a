package org.ser4j.features.pitch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour of pYIN and {@link PitchTrack} on generated inputs with known answers. */
class PyinTest {
    private static final int SR = 16000;
    private static final PyinParams SPEECH = PyinParams.of(65, 2093).withFrames(1024, 160);

    private static double[] tone(double hz, double seconds) {
        double[] y = new double[(int) (seconds * SR)];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.4 * Math.sin(2 * Math.PI * hz * i / SR);
        }
        return y;
    }

    @Test
    void steadyToneIsVoicedAtItsPitch() {
        PitchTrack track = Pyin.pyin(tone(220, 1.0), SR, SPEECH);
        // Interior frames (away from the zero-padded edges): voiced, within one 10-cent bin of 220 Hz.
        for (int t = 5; t < track.nFrames() - 5; t++) {
            assertTrue(track.voicedFlag()[t], "frame " + t);
            double cents = 1200 * Math.log(track.f0()[t] / 220) / Math.log(2);
            assertTrue(Math.abs(cents) <= 10, "frame " + t + " off by " + cents + " cents");
            assertTrue(track.voicedProb()[t] > 0.5);
        }
    }

    @Test
    void silenceIsUnvoiced() {
        PitchTrack track = Pyin.pyin(new double[SR / 2], SR, SPEECH);
        assertEquals(1 + (SR / 2) / 160, track.nFrames());
        for (int t = 0; t < track.nFrames(); t++) {
            assertFalse(track.voicedFlag()[t]);
            assertTrue(Double.isNaN(track.f0()[t]));
            assertEquals(0.0, track.voicedProb()[t]);
        }
        PitchTrack guessed = Pyin.pyin(new double[SR / 2], SR, SPEECH.withFillNa(null));
        assertTrue(Double.isFinite(guessed.f0()[3]), "fill_na=None keeps a best-guess f0");
    }

    @Test
    void trackReportsTimesAndSemitones() {
        PitchTrack track = new PitchTrack(new double[] {55, Double.NaN, 27.5}, new boolean[] {true, false, true},
                new double[] {0.9, 0.1, 0.8}, 16000, 160);
        assertArrayEquals(new double[] {0, 0.01, 0.02}, track.frameTimes(), 1e-15);
        double[] st = track.f0Semitones();
        assertEquals(12.0, st[0], 1e-12);
        assertTrue(Double.isNaN(st[1]));
        assertEquals(0.0, st[2], 1e-12);
        assertEquals(2, track.voicedCount());
        assertEquals(100.0, track.frameRate());
        assertArrayEquals(new double[] {1, 0, 1}, track.asRows()[1]);
    }

    @Test
    void concurrentCallsGiveIdenticalResults() throws Exception {
        double[] y = ReferenceClips.clip("speech1_16k").y();
        PitchTrack expected = Pyin.pyin(y, SR, SPEECH);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PitchTrack>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> Pyin.pyin(y, SR, SPEECH)));
            }
            for (Future<PitchTrack> run : runs) {
                PitchTrack got = run.get();
                assertArrayEquals(expected.f0(), got.f0());
                assertArrayEquals(expected.voicedProb(), got.voicedProb());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

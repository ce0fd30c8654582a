package org.ser4j.features.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerturbationTest {
    private static final int SR = 16000;
    private static final int HOP = 160;

    /** Detects pulses of y with a constant F0 track and returns them. */
    private static GlottalPulses detect(double[] y, double f0) {
        double[] track = Synth.constant(y.length / HOP + 1, f0);
        return GlottalPulses.detect(y, SR, track, HOP);
    }

    @Test
    void alternatingPeriodsGiveTheJitterPutIn() {
        // Periods alternate 162 and 158 samples around 160 (100 Hz): jitter (local) = 4 / 160 = 2.5 %.
        int[] periods = new int[99];
        for (int i = 0; i < periods.length; i++) {
            periods[i] = i % 2 == 0 ? 162 : 158;
        }
        int[] pos = Synth.positions(200, periods);
        double[] y = Synth.pulseTrain(pos[pos.length - 1] + 200, pos, Synth.constant(pos.length, 0.5));
        GlottalPulses pulses = detect(y, 100);
        assertEquals(pos.length, pulses.count());
        for (int i = 0; i < pos.length; i++) {
            assertEquals(pos[i] / (double) SR, pulses.times()[i], 1e-9);
        }
        assertEquals(0.025, Perturbation.jitterLocal(pulses.periods()), 1e-4);
        // A perfectly regular amplitude has no shimmer.
        assertEquals(0.0, Perturbation.shimmerLocalDb(pulses.amplitudes(), pulses.periods(), 0,
                pulses.periods().length), 1e-9);
    }

    @Test
    void randomPeriodsGiveTheirTextbookJitter() {
        Random rng = new Random(7);
        int[] periods = new int[150];
        for (int i = 0; i < periods.length; i++) {
            periods[i] = 125 + rng.nextInt(9) - 4; // 128 Hz +- 4 samples
        }
        int[] pos = Synth.positions(300, periods);
        double[] y = Synth.pulseTrain(pos[pos.length - 1] + 300, pos, Synth.constant(pos.length, 0.3));
        double sumDiff = 0;
        for (int i = 1; i < periods.length; i++) {
            sumDiff += Math.abs(periods[i] - periods[i - 1]);
        }
        double expected = (sumDiff / (periods.length - 1)) / Arrays.stream(periods).average().orElseThrow();
        GlottalPulses pulses = detect(y, SR / 125.0);
        assertEquals(expected, Perturbation.jitterLocal(pulses.periods()), 1e-9);
    }

    @Test
    void alternatingAmplitudesGiveTheShimmerPutIn() {
        // Amplitudes alternate 1.1 and 0.9 (x 0.4): shimmer (local) = 0.2 / 1.0, shimmer (local, dB) =
        // 20 log10(1.1 / 0.9).
        int[] periods = new int[80];
        Arrays.fill(periods, 145);
        int[] pos = Synth.positions(100, periods);
        double[] amps = new double[pos.length];
        for (int i = 0; i < amps.length; i++) {
            amps[i] = 0.4 * (i % 2 == 0 ? 1.1 : 0.9);
        }
        double[] y = Synth.pulseTrain(pos[pos.length - 1] + 100, pos, amps);
        GlottalPulses pulses = detect(y, SR / 145.0);
        int n = pulses.periods().length;
        assertEquals(0.2, Perturbation.shimmerLocal(pulses.amplitudes(), pulses.periods(), 0, n), 1e-3);
        assertEquals(20 * Math.log10(1.1 / 0.9), Perturbation.shimmerLocalDb(pulses.amplitudes(), pulses.periods(),
                0, n), 1e-6);
        assertEquals(0.0, Perturbation.jitterLocal(pulses.periods()), 1e-9);
    }

    @Test
    void frameTracksAverageToTheJitterPutIn() {
        int[] periods = new int[199];
        for (int i = 0; i < periods.length; i++) {
            periods[i] = i % 2 == 0 ? 162 : 158;
        }
        int[] pos = Synth.positions(200, periods);
        double[] y = Synth.pulseTrain(pos[pos.length - 1] + 200, pos, Synth.constant(pos.length, 0.5));
        GlottalPulses pulses = detect(y, 100);
        boolean[] voiced = new boolean[y.length / HOP + 1];
        Arrays.fill(voiced, true);
        double[] jitter = Perturbation.jitterTrack(pulses, voiced, HOP / (double) SR, 0.06);
        double[] inner = Arrays.stream(jitter).filter(Double::isFinite).toArray();
        assertTrue(inner.length > voiced.length - 10, "almost every frame has a value");
        for (double j : inner) {
            assertEquals(0.025, j, 0.025 * 0.02);
        }
    }

    @Test
    void voiceBreaksAndImplausibleJumpsDoNotCount() {
        // A period pair with ratio above 1.3 is excluded, like Praat's maximum period factor.
        double[] periods = {0.010, 0.010, 0.0135, 0.010, 0.010};
        assertEquals(0.0, Perturbation.jitterLocal(periods), 1e-12);
        // NaN marks a voice break between two pulses.
        assertEquals(0.0, Perturbation.jitterLocal(new double[] {0.01, Double.NaN, 0.011, 0.011}), 1e-12);
        assertTrue(Double.isNaN(Perturbation.jitterLocal(new double[] {0.01})));
        assertTrue(Double.isNaN(Perturbation.shimmerLocalDb(new double[0], new double[0], 0, 0)));
    }

    @Test
    void pulsesAreFoundOnInvertedSignalsAndNotAcrossVoiceBreaks() {
        int[] periods = new int[60];
        Arrays.fill(periods, 160);
        int[] pos = Synth.positions(160, periods);
        double[] y = Synth.pulseTrain(pos[pos.length - 1] + 400, pos, Synth.constant(pos.length, -0.5));
        double[] f0 = Synth.constant(y.length / HOP + 1, 100);
        // Frames 30..33 unvoiced: a voice break.
        for (int t = 30; t <= 33; t++) {
            f0[t] = Double.NaN;
        }
        GlottalPulses pulses = GlottalPulses.detect(y, SR, f0, HOP);
        long breaks = Arrays.stream(pulses.periods()).filter(Double::isNaN).count();
        assertEquals(1, breaks);
        for (double p : pulses.periods()) {
            assertTrue(Double.isNaN(p) || Math.abs(p - 0.01) < 1e-9, "period " + p);
        }
        for (double a : pulses.amplitudes()) {
            assertEquals(0.5, a, 1e-12);
        }
    }
}

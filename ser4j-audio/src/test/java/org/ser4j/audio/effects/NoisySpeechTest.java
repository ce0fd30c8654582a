package org.ser4j.audio.effects;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.Signal;
import org.ser4j.testing.Reference;

/**
 * speech1_16k (clean espeak speech) padded with 1 s of silence on each side, plus generated white or pink noise
 * scaled to a known SNR (speech power over the active part vs noise power).
 */
class NoisySpeechTest {
    private static final int SR = 16000;
    private static final int PAD = SR;

    private static double[] clean() {
        double[] speech = Reference.clip("speech1_16k").toDoubles();
        double[] y = new double[speech.length + 2 * PAD];
        System.arraycopy(speech, 0, y, PAD, speech.length);
        return y;
    }

    /** Where speech really is: the clean clip's non-silent span at 40 dB below its peak (25 ms / 10 ms frames). */
    private static int[] truth(double[] clean) {
        List<int[]> parts = Effects.split(clean, 40, Double.NaN, 400, 160);
        return new int[] {parts.get(0)[0], parts.get(parts.size() - 1)[1]};
    }

    private static double[] noise(int n, boolean pink, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = rnd.nextGaussian();
            if (pink) { // Paul Kellet's economy pink filter (-3 dB/octave within 0.5 dB above ~40 Hz)
                b0 = 0.99765 * b0 + w * 0.0990460;
                b1 = 0.96300 * b1 + w * 0.2965164;
                b2 = 0.57000 * b2 + w * 1.0526913;
                x[i] = b0 + b1 + b2 + w * 0.1848;
            } else {
                x[i] = w;
            }
        }
        return x;
    }

    private static double[] mix(double[] clean, int[] active, double[] noise, double snrDb) {
        double ps = power(clean, active[0], active[1]);
        double pn = power(noise, 0, noise.length);
        double g = Math.sqrt(ps / pn / Math.pow(10, snrDb / 10));
        double[] y = new double[clean.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = clean[i] + g * noise[i];
        }
        return y;
    }

    private static double power(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return s / (to - from);
    }

    /** SNR of x against the clean reference over the whole padded signal, in dB. */
    private static double snr(double[] clean, double[] x) {
        double sig = 0;
        double err = 0;
        for (int i = 0; i < clean.length; i++) {
            sig += clean[i] * clean[i];
            err += (x[i] - clean[i]) * (x[i] - clean[i]);
        }
        return 10 * Math.log10(sig / err);
    }

    /**
     * Spectral gate SNR gain (output SNR minus input SNR, both measured against the clean signal).
     * Measured (input SNR 0/5/10/20 dB; whole-signal SNR before -> after): white noise -3.9->7.8, 1.1->11.0,
     * 6.1->14.6, 16.1->21.1 dB (gains 11.8, 9.9, 8.5, 5.0 dB); pink noise -3.9->2.5, 1.1->6.5, 6.1->10.7,
     * 16.1->19.2 dB (gains 6.4, 5.4, 4.6, 3.1 dB). Asserted: at least 3 dB of gain in every case.
     */
    @Test
    void spectralGateImprovesSnr() {
        double[] clean = clean();
        int[] active = truth(clean);
        SpectralGate gate = SpectralGate.defaults(SR);
        for (boolean pink : new boolean[] {false, true}) {
            double[] n = noise(clean.length, pink, pink ? 11 : 12);
            for (double snrIn : new double[] {0, 5, 10, 20}) {
                double[] noisy = mix(clean, active, n, snrIn);
                double before = snr(clean, noisy);
                double after = snr(clean, gate.apply(noisy));
                System.out.printf("gate %s noise, SNR %4.1f dB: %5.1f -> %5.1f dB (gain %4.1f dB)%n",
                        pink ? "pink " : "white", snrIn, before, after, after - before);
                assertTrue(after - before >= 3, (pink ? "pink" : "white") + " @" + snrIn + " dB: gain "
                        + (after - before));
            }
        }
    }

    /**
     * VAD boundaries vs the known speech span. Asserted: one or more segments whose outer boundaries are within
     * 150 ms of the truth at 10 and 20 dB SNR and within 300 ms at 0 and 5 dB, and nothing detected in the padding
     * beyond that. Measured (start, end errors in s; 0/5/10/20 dB): white (+0.075,-0.095; 2 segments),
     * (+0.065,-0.025), (+0.065,+0.085), (+0.015,+0.085); pink (+0.085,-0.075), (+0.065,+0.005), (+0.015,+0.085),
     * (+0.015,+0.095); clean (-0.015,+0.095).
     */
    @Test
    void vadFindsTheSpeech() {
        double[] clean = clean();
        int[] active = truth(clean);
        List<Segment> cleanSegs = VoiceActivity.segments(Signal.ofDoubles(clean, SR, "clean"));
        assertFalse(cleanSegs.isEmpty());
        for (boolean pink : new boolean[] {false, true}) {
            double[] n = noise(clean.length, pink, pink ? 21 : 22);
            for (double snrIn : new double[] {0, 5, 10, 20}) {
                List<Segment> segs = VoiceActivity.segments(Signal.ofDoubles(mix(clean, active, n, snrIn), SR, "x"));
                assertFalse(segs.isEmpty(), "no speech found at " + snrIn + " dB");
                double startErr = (segs.get(0).start() - active[0]) / (double) SR;
                double endErr = (segs.get(segs.size() - 1).end() - active[1]) / (double) SR;
                System.out.printf("vad %s noise, SNR %4.1f dB: %d segment(s), start error %+.3f s, end error %+.3f s%n",
                        pink ? "pink " : "white", snrIn, segs.size(), startErr, endErr);
                double tol = snrIn >= 10 ? 0.15 : 0.30;
                assertTrue(Math.abs(startErr) <= tol, "start error " + startErr + " at " + snrIn + " dB");
                assertTrue(Math.abs(endErr) <= tol, "end error " + endErr + " at " + snrIn + " dB");
            }
        }
        double startErr = (cleanSegs.get(0).start() - active[0]) / (double) SR;
        double endErr = (cleanSegs.get(cleanSegs.size() - 1).end() - active[1]) / (double) SR;
        System.out.printf("vad clean: start error %+.3f s, end error %+.3f s%n", startErr, endErr);
        assertTrue(Math.abs(startErr) <= 0.15 && Math.abs(endErr) <= 0.15);
    }
}

package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * Shifts the waveform in time by up to {@code maxSeconds} either way, keeping its length: samples pushed past an
 * end are dropped and the gap is filled with silence (not wrapped round, which would splice the end of a sentence
 * onto its start).
 */
public record TimeShift(double maxSeconds) implements WaveformAugmentation {
    public TimeShift {
        if (!(maxSeconds >= 0)) {
            throw new IllegalArgumentException("time shift must be >= 0 s, got " + maxSeconds);
        }
    }

    @Override
    public String name() {
        return "shift";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        double seconds = WaveformAugmentation.uniform(random, -maxSeconds, maxSeconds);
        int shift = (int) Math.round(seconds * signal.sampleRate());
        return new Applied(shift(signal, shift), String.format(Locale.ROOT, "shift %+.3f s", seconds));
    }

    /** The signal delayed by {@code samples} (advanced when negative), same length. */
    public static Signal shift(Signal signal, int samples) {
        float[] in = signal.samples();
        float[] out = new float[in.length];
        for (int i = Math.max(0, samples); i < in.length && i - samples < in.length; i++) {
            out[i] = in[i - samples];
        }
        return new Signal(out, signal.sampleRate(), signal.source());
    }
}

package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;

/** Multiplies the waveform by a gain drawn uniformly in decibels from [minDb, maxDb]. */
public record Gain(double minDb, double maxDb) implements WaveformAugmentation {
    public Gain {
        if (!(minDb <= maxDb)) {
            throw new IllegalArgumentException("gain range must have min <= max, got " + minDb + ".." + maxDb);
        }
    }

    @Override
    public String name() {
        return "gain";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        double db = WaveformAugmentation.uniform(random, minDb, maxDb);
        return new Applied(scale(signal, Math.pow(10, db / 20)), String.format(Locale.ROOT, "gain %+.1f dB", db));
    }

    /** The signal times a linear factor. */
    static Signal scale(Signal signal, double factor) {
        float[] in = signal.samples();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (in[i] * factor);
        }
        return new Signal(out, signal.sampleRate(), signal.source());
    }
}

package org.ser4j.data.augment;

import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * One random transformation of a waveform (noise, pitch shift, reverberation...). Implementations draw every
 * random choice from the {@link Random} they are given, so the same generator state gives the same output; they
 * hold no mutable state and are safe to share between threads (each thread brings its own generator).
 */
public interface WaveformAugmentation {
    /** A short id used in specs and logs, e.g. {@code noise}, {@code pitch}. */
    String name();

    /** The transformed signal (same sample rate) and a description of the values drawn. */
    Applied apply(Signal signal, Random random);

    /**
     * The outcome of one application.
     *
     * @param signal      the transformed signal
     * @param description what was done, e.g. {@code pitch +1.50 st}
     */
    record Applied(Signal signal, String description) {
    }

    /** A value drawn uniformly from [lo, hi]. */
    static double uniform(Random random, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * random.nextDouble();
    }
}

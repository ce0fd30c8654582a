package org.ser4j.features;

import org.ser4j.audio.EmptyAudioException;
import org.ser4j.audio.InvalidAudioException;
import org.ser4j.audio.Signal;

/** Input checks every feature computation makes first, so bad audio fails with a typed error naming the input. */
public final class SignalChecks {
    private SignalChecks() {
    }

    /**
     * Refuses a signal without samples ({@link EmptyAudioException}) or with a NaN or infinite sample
     * ({@link InvalidAudioException}, like librosa's {@code valid_audio}).
     */
    public static void requireUsable(Signal signal) {
        float[] y = signal.samples();
        if (y.length == 0) {
            throw new EmptyAudioException(signal.source(), "no audio samples to compute features from");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new InvalidAudioException(signal.source(), "sample " + i + " is " + y[i]
                        + "; audio must be finite");
            }
        }
    }
}

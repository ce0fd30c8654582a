package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;

/** Keeps a random window of {@code seconds} of a longer recording; shorter recordings pass unchanged. */
public record RandomCrop(double seconds) implements WaveformAugmentation {
    public RandomCrop {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("crop length must be > 0 s, got " + seconds);
        }
    }

    @Override
    public String name() {
        return "crop";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        int length = (int) Math.round(seconds * signal.sampleRate());
        if (signal.length() <= length) {
            return new Applied(signal, "crop none (shorter than " + seconds + " s)");
        }
        int start = random.nextInt(signal.length() - length + 1);
        return new Applied(signal.slice(start, start + length), String.format(Locale.ROOT, "crop %.3f-%.3f s",
                start / (double) signal.sampleRate(), (start + length) / (double) signal.sampleRate()));
    }
}

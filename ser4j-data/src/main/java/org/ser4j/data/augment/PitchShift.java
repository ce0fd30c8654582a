package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Resample;
import org.ser4j.audio.Signal;

/**
 * Shifts pitch by a number of semitones without changing duration, as {@code librosa.effects.pitch_shift} does:
 * time-stretch by 2^(-n/12) with the phase vocoder, then resample back to the original length. The shift is drawn
 * uniformly from [minSemitones, maxSemitones] and rounded to a quarter semitone, so the resampler (which caches a
 * filter per rate pair) sees a bounded set of rate pairs.
 */
public record PitchShift(double minSemitones, double maxSemitones) implements WaveformAugmentation {
    /** Granularity of drawn shifts, in semitones. */
    public static final double STEP = 0.25;

    public PitchShift {
        if (!(minSemitones <= maxSemitones)) {
            throw new IllegalArgumentException("pitch range must have min <= max, got " + minSemitones + ".."
                    + maxSemitones);
        }
    }

    @Override
    public String name() {
        return "pitch";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        double semitones = Math.rint(WaveformAugmentation.uniform(random, minSemitones, maxSemitones) / STEP) * STEP;
        double[] y = shift(signal.toDoubles(), signal.sampleRate(), semitones);
        return new Applied(Signal.ofDoubles(y, signal.sampleRate(), signal.source()),
                String.format(Locale.ROOT, "pitch %+.2f st", semitones));
    }

    /** {@code y} (at {@code sampleRate}) shifted by {@code semitones}, same length. */
    public static double[] shift(double[] y, int sampleRate, double semitones) {
        if (semitones == 0) {
            return y.clone();
        }
        double rate = Math.pow(2, -semitones / 12);
        double[] stretched = TimeStretch.stretch(y, rate);
        // resampling from sr / rate to sr plays the stretched signal 1/rate times as fast: pitch x 2^(n/12)
        int sourceRate = (int) Math.round(sampleRate / rate);
        double[] shifted = Resample.resample(stretched, sourceRate, sampleRate, "kaiser_fast");
        return java.util.Arrays.copyOf(shifted, y.length);
    }
}

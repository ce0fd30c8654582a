package org.ser4j.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mono audio: float samples in [-1, 1] at a sample rate, plus the name of where they came from.
 * Everything downstream of decoding takes a {@code Signal}. The array is not copied on the way in or
 * out, for speed; by convention no one mutates a signal's samples after construction.
 *
 * @param samples    mono samples, nominally in [-1, 1]
 * @param sampleRate samples per second (&gt; 0)
 * @param source     a human-readable origin (file name, "stream", ...) used in error messages
 */
public record Signal(float[] samples, int sampleRate, String source) {

    public Signal {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new InvalidAudioException(source, "sample rate must be positive, got " + sampleRate);
        }
        source = source == null ? "<memory>" : source;
    }

    public Signal(float[] samples, int sampleRate) {
        this(samples, sampleRate, null);
    }

    /** Number of samples. */
    public int length() {
        return samples.length;
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** The samples widened to double, as librosa's float64 path sees them. */
    public double[] toDoubles() {
        double[] y = new double[samples.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = samples[i];
        }
        return y;
    }

    /** A signal over a copy of the samples in [from, to). */
    public Signal slice(int from, int to) {
        return new Signal(Arrays.copyOfRange(samples, from, to), sampleRate, source);
    }

    /** A signal from double samples (narrowed to float). */
    public static Signal ofDoubles(double[] y, int sampleRate, String source) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = (float) y[i];
        }
        return new Signal(f, sampleRate, source);
    }

    @Override
    public String toString() {
        return "Signal[" + source + ", " + samples.length + " samples @ " + sampleRate + " Hz]";
    }
}

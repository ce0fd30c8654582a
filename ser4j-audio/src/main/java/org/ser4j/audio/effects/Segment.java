package org.ser4j.audio.effects;

/**
 * A [start, end) range of samples at a sample rate, e.g. one stretch of speech found by {@link VoiceActivity}.
 *
 * @param start      first sample (inclusive)
 * @param end        end sample (exclusive)
 * @param sampleRate the rate the indices refer to
 */
public record Segment(int start, int end, int sampleRate) {
    public Segment {
        if (start < 0 || end < start || sampleRate <= 0) {
            throw new IllegalArgumentException("bad segment [" + start + ", " + end + ") @ " + sampleRate + " Hz");
        }
    }

    public double startSeconds() {
        return start / (double) sampleRate;
    }

    public double endSeconds() {
        return end / (double) sampleRate;
    }

    public double durationSeconds() {
        return (end - start) / (double) sampleRate;
    }

    public int length() {
        return end - start;
    }
}

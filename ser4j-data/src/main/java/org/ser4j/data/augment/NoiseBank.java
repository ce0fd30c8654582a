package org.ser4j.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * Real background noise, gathered from the silent stretches of recordings: frames whose RMS lies more than
 * {@code belowPeakDb} under the clip's loudest frame, concatenated per clip. Each clip's noise remembers its source
 * so that a clip is never mixed with its own background. Immutable and thread-safe.
 */
public final class NoiseBank {
    /** Analysis frame (25 ms at 16 kHz) used to find silent stretches. */
    static final int FRAME = 400;
    /** Default threshold under the loudest frame below which a frame counts as silence. */
    public static final double DEFAULT_BELOW_PEAK_DB = 35.0;
    /** Clips yielding less silence than this (in samples, 0.1 s at 16 kHz) are ignored. */
    static final int MIN_SAMPLES = 1600;

    private record Segment(String source, float[] samples) {
    }

    private final List<Segment> segments;
    private final int sampleRate;

    private NoiseBank(List<Segment> segments, int sampleRate) {
        this.segments = List.copyOf(segments);
        this.sampleRate = sampleRate;
    }

    /** The silent stretches of {@code clips} (all at one sample rate), with the default threshold. */
    public static NoiseBank fromSilences(List<Signal> clips) {
        return fromSilences(clips, DEFAULT_BELOW_PEAK_DB);
    }

    /** The silent stretches of {@code clips}: frames quieter than the clip's loudest by more than belowPeakDb. */
    public static NoiseBank fromSilences(List<Signal> clips, double belowPeakDb) {
        List<Segment> segments = new ArrayList<>();
        int rate = clips.isEmpty() ? 16000 : clips.get(0).sampleRate();
        for (Signal clip : clips) {
            if (clip.sampleRate() != rate) {
                throw new IllegalArgumentException("noise clips must share one sample rate: " + clip.source() + " is "
                        + clip.sampleRate() + " Hz, expected " + rate);
            }
            float[] silence = silence(clip.samples(), belowPeakDb);
            if (silence.length >= MIN_SAMPLES) {
                segments.add(new Segment(clip.source(), silence));
            }
        }
        return new NoiseBank(segments, rate);
    }

    /** The concatenated frames of {@code y} quieter than its loudest frame by more than belowPeakDb. */
    static float[] silence(float[] y, double belowPeakDb) {
        int frames = y.length / FRAME;
        double[] rms = new double[frames];
        double peak = 0;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                s += (double) y[i] * y[i];
            }
            rms[f] = Math.sqrt(s / FRAME);
            peak = Math.max(peak, rms[f]);
        }
        double threshold = peak * Math.pow(10, -belowPeakDb / 20);
        float[] out = new float[frames * FRAME];
        int n = 0;
        for (int f = 0; f < frames; f++) {
            // digital silence (exact zeros) is no use as noise
            if (rms[f] < threshold && rms[f] > 0) {
                System.arraycopy(y, f * FRAME, out, n, FRAME);
                n += FRAME;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Number of clips that contributed noise. */
    public int size() {
        return segments.size();
    }

    public int sampleRate() {
        return sampleRate;
    }

    /**
     * {@code length} samples of noise from a random clip other than {@code excludeSource} (when another exists),
     * starting at a random offset and looping over that clip's silence.
     */
    public float[] draw(int length, String excludeSource, Random random) {
        if (segments.isEmpty()) {
            throw new IllegalStateException("the noise bank is empty: no recording had a silent stretch");
        }
        List<Segment> candidates = segments.stream().filter(s -> !s.source().equals(excludeSource)).toList();
        if (candidates.isEmpty()) {
            candidates = segments;
        }
        float[] noise = candidates.get(random.nextInt(candidates.size())).samples();
        float[] out = new float[length];
        int offset = random.nextInt(noise.length);
        for (int i = 0; i < length; i++) {
            out[i] = noise[(offset + i) % noise.length];
        }
        return out;
    }
}

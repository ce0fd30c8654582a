package org.ser4j.data.augment;

import java.util.Random;

/**
 * SpecAugment's masking (Park et al., 2019) on a (channels x frames) feature matrix: {@code frequencyMasks} bands
 * of 0..{@code maxFrequencyWidth} consecutive channels and {@code timeMasks} spans of 0..{@code maxTimeWidth}
 * consecutive frames (at most {@code maxTimeFraction} of the valid frames each) are set to {@code 0}, which is the
 * mean of normalised features. Time masks fall inside the first {@code validFrames} frames, never on padding.
 */
public record SpecAugment(int frequencyMasks, int maxFrequencyWidth, int timeMasks, int maxTimeWidth,
                          double maxTimeFraction) {
    /** Two masks of up to 8 mel bands and two of up to 40 frames (0.4 s at a 10 ms hop), at most 20 % each. */
    public static final SpecAugment DEFAULT = new SpecAugment(2, 8, 2, 40, 0.2);

    public SpecAugment {
        if (frequencyMasks < 0 || maxFrequencyWidth < 0 || timeMasks < 0 || maxTimeWidth < 0
                || !(maxTimeFraction >= 0 && maxTimeFraction <= 1)) {
            throw new IllegalArgumentException("SpecAugment counts and widths must be >= 0 and the time fraction in "
                    + "[0, 1]");
        }
    }

    /** A masked copy of {@code x}; the first {@code validFrames} frames are real, the rest padding. */
    public float[][] apply(float[][] x, int validFrames, Random random) {
        float[][] out = copy(x);
        int channels = x.length;
        for (int m = 0; m < frequencyMasks; m++) {
            int width = random.nextInt(Math.min(maxFrequencyWidth, channels) + 1);
            int first = random.nextInt(channels - width + 1);
            maskChannels(out, first, width);
        }
        int valid = Math.min(validFrames, x.length == 0 ? 0 : x[0].length);
        int widest = Math.min(maxTimeWidth, (int) Math.floor(maxTimeFraction * valid));
        for (int m = 0; m < timeMasks; m++) {
            int width = random.nextInt(widest + 1);
            int first = random.nextInt(valid - width + 1);
            maskFrames(out, first, width);
        }
        return out;
    }

    /** Sets channels [first, first + width) to 0, in place. */
    public static void maskChannels(float[][] x, int first, int width) {
        for (int c = first; c < first + width; c++) {
            java.util.Arrays.fill(x[c], 0f);
        }
    }

    /** Sets frames [first, first + width) of every channel to 0, in place. */
    public static void maskFrames(float[][] x, int first, int width) {
        for (float[] row : x) {
            java.util.Arrays.fill(row, first, first + width, 0f);
        }
    }

    static float[][] copy(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}

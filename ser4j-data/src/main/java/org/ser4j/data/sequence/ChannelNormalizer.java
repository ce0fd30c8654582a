package org.ser4j.data.sequence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Per-channel standardisation of frame-level features: each channel (mel band, coefficient) minus its mean over
 * all frames of the training recordings, divided by its standard deviation. Fitted on training data only, stored
 * in the model bundle, and applied before padding, so padded frames are exactly the training mean (zero).
 */
public final class ChannelNormalizer {
    private static final double MIN_STD = 1e-6;

    private final double[] mean;
    private final double[] std;

    @JsonCreator
    public ChannelNormalizer(@JsonProperty("mean") double[] mean, @JsonProperty("std") double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Fitted on every frame of {@code training} (each channels x frames, any number of frames). */
    public static ChannelNormalizer fit(List<float[][]> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a normaliser on no data");
        }
        int channels = training.get(0).length;
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        long n = 0;
        for (float[][] x : training) {
            if (x.length != channels) {
                throw new IllegalArgumentException("inputs have " + x.length + " and " + channels + " channels");
            }
            for (int c = 0; c < channels; c++) {
                for (float v : x[c]) {
                    sum[c] += v;
                    sumSq[c] += (double) v * v;
                }
            }
            n += x[0].length;
        }
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / n;
            std[c] = Math.max(MIN_STD, Math.sqrt(Math.max(0, sumSq[c] / n - mean[c] * mean[c])));
        }
        return new ChannelNormalizer(mean, std);
    }

    /** A normalised copy of {@code x}. */
    public float[][] apply(float[][] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("input has " + x.length + " channels, the normaliser " + mean.length);
        }
        float[][] out = new float[x.length][];
        for (int c = 0; c < x.length; c++) {
            out[c] = new float[x[c].length];
            for (int t = 0; t < x[c].length; t++) {
                out[c][t] = (float) ((x[c][t] - mean[c]) / std[c]);
            }
        }
        return out;
    }

    @JsonProperty("mean")
    public double[] mean() {
        return mean.clone();
    }

    @JsonProperty("std")
    public double[] std() {
        return std.clone();
    }

    public int channels() {
        return mean.length;
    }
}

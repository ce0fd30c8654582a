package org.ser4j.models.adaptation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Running per-feature statistics of one group's feature vectors (a speaker, a session, a channel): how many values
 * were seen, their mean and sum of squared deviations (Welford's update, so adding clips one at a time is exact and
 * stable). Missing values (NaN) are skipped per feature. Mutable and not thread-safe: one owner adds to it; use
 * {@link #copy} to hand a snapshot on.
 */
public final class GroupStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] count;
    private final double[] mean;
    private final double[] m2;
    private int clips;

    /** Empty statistics for vectors of {@code dimensions} features. */
    public GroupStatistics(int dimensions) {
        this(0, new int[dimensions], new double[dimensions], new double[dimensions]);
    }

    @JsonCreator
    public GroupStatistics(@JsonProperty("clips") int clips, @JsonProperty("count") int[] count,
                           @JsonProperty("mean") double[] mean, @JsonProperty("m2") double[] m2) {
        if (count.length != mean.length || mean.length != m2.length) {
            throw new IllegalArgumentException("count, mean and m2 differ in length");
        }
        this.clips = clips;
        this.count = count.clone();
        this.mean = mean.clone();
        this.m2 = m2.clone();
    }

    /** The statistics of the given vectors. */
    public static GroupStatistics of(int dimensions, Iterable<double[]> rows) {
        GroupStatistics s = new GroupStatistics(dimensions);
        for (double[] row : rows) {
            s.add(row);
        }
        return s;
    }

    /** Adds one clip's feature vector. */
    public void add(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got " + x.length);
        }
        clips++;
        for (int j = 0; j < x.length; j++) {
            if (Double.isNaN(x[j])) {
                continue;
            }
            count[j]++;
            double delta = x[j] - mean[j];
            mean[j] += delta / count[j];
            m2[j] += delta * (x[j] - mean[j]);
        }
    }

    /**
     * Adds another group's statistics, as if its clips had been added here (the pairwise update of Chan, Golub and
     * LeVeque), so statistics gathered in parallel (e.g. Spark partitions) combine exactly.
     */
    public GroupStatistics merge(GroupStatistics other) {
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got " + other.mean.length);
        }
        clips += other.clips;
        for (int j = 0; j < mean.length; j++) {
            int n = count[j] + other.count[j];
            if (other.count[j] == 0) {
                continue;
            }
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * other.count[j] / n;
            m2[j] += other.m2[j] + delta * delta * count[j] * (double) other.count[j] / n;
            count[j] = n;
        }
        return this;
    }

    /** Clips added (a feature may have fewer values where it was missing). */
    @JsonProperty("clips")
    public int clips() {
        return clips;
    }

    @JsonProperty("count")
    public int[] count() {
        return count.clone();
    }

    @JsonProperty("mean")
    public double[] mean() {
        return mean.clone();
    }

    @JsonProperty("m2")
    public double[] m2() {
        return m2.clone();
    }

    public int dimensions() {
        return mean.length;
    }

    int count(int j) {
        return count[j];
    }

    double mean(int j) {
        return mean[j];
    }

    /** Population variance of feature {@code j} (0 with fewer than two values). */
    double variance(int j) {
        return count[j] < 2 ? 0 : m2[j] / count[j];
    }

    public GroupStatistics copy() {
        return new GroupStatistics(clips, count, mean, m2);
    }

    @Override
    public String toString() {
        return "GroupStatistics[clips=" + clips + ", dimensions=" + mean.length + ", counts="
                + Arrays.stream(count).summaryStatistics() + "]";
    }
}

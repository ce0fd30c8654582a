package org.ser4j.models.classical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * Z-score standardisation fitted on training rows: {@code (x - mean) / scale} per column. Missing values (NaN) are
 * ignored when fitting and become 0 (the training mean) when applied, so a feature that is undefined for one clip
 * (pitch of a whisper, say) does not poison the vector. A constant column gets scale 1 and maps to 0.
 * Immutable and thread-safe; serialises to JSON for model bundles.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    @JsonCreator
    public Standardizer(@JsonProperty("mean") double[] mean, @JsonProperty("scale") double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " values but scale " + scale.length);
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /** Fits the column means and (population) standard deviations of the given rows. */
    public static Standardizer fit(List<double[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a standardizer on no rows");
        }
        int dims = rows.get(0).length;
        double[] mean = new double[dims];
        double[] scale = new double[dims];
        for (int j = 0; j < dims; j++) {
            // Two passes per column: exact enough and simple; the matrices here are small.
            double sum = 0;
            int count = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    count++;
                }
            }
            double m = count == 0 ? 0 : sum / count;
            double squares = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[j])) {
                    squares += (row[j] - m) * (row[j] - m);
                }
            }
            double sd = count == 0 ? 0 : Math.sqrt(squares / count);
            mean[j] = m;
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    public static Standardizer fit(double[][] rows) {
        return fit(Arrays.asList(rows));
    }

    /** The standardised copy of one raw vector. */
    public double[] apply(double[] raw) {
        if (raw.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got " + raw.length);
        }
        double[] z = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            z[j] = Double.isNaN(raw[j]) ? 0 : (raw[j] - mean[j]) / scale[j];
        }
        return z;
    }

    public double[][] applyAll(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }

    @JsonProperty("mean")
    public double[] mean() {
        return mean.clone();
    }

    @JsonProperty("scale")
    public double[] scale() {
        return scale.clone();
    }

    /** Number of features this standardiser expects. */
    public int dimensions() {
        return mean.length;
    }
}

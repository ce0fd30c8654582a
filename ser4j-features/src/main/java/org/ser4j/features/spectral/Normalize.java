package org.ser4j.features.spectral;

/**
 * {@code librosa.util.normalize(S, norm, axis, threshold=None, fill=None)}: scale each vector so that its
 * {@code norm} is 1. Vectors whose norm is below the smallest normal double ({@code np.finfo(float).tiny}) are left
 * unscaled (divided by 1), as librosa does. Supported norms: {@code Double.POSITIVE_INFINITY} (max |x|), and any
 * p &gt; 0 ({@code (sum |x|^p)^(1/p)}).
 */
public final class Normalize {
    private Normalize() {
    }

    /** Normalises every column (axis=-2, i.e. each frame of a features x frames array) in place. */
    public static void columns(double[][] s, double norm) {
        requireValid(norm);
        if (s.length == 0) {
            return;
        }
        int nCols = s[0].length;
        double[] length = new double[nCols];
        for (double[] row : s) {
            for (int t = 0; t < nCols; t++) {
                double m = Math.abs(row[t]);
                if (norm == Double.POSITIVE_INFINITY) {
                    length[t] = Math.max(length[t], m);
                } else {
                    length[t] += power(m, norm);
                }
            }
        }
        for (int t = 0; t < nCols; t++) {
            length[t] = finish(length[t], norm);
        }
        for (double[] row : s) {
            for (int t = 0; t < nCols; t++) {
                row[t] /= length[t];
            }
        }
    }

    /** Normalises one vector (e.g. a filter bank row, axis=-1) in place. */
    public static void vector(double[] v, double norm) {
        requireValid(norm);
        double length = 0;
        for (double x : v) {
            double m = Math.abs(x);
            length = norm == Double.POSITIVE_INFINITY ? Math.max(length, m) : length + power(m, norm);
        }
        length = finish(length, norm);
        for (int i = 0; i < v.length; i++) {
            v[i] /= length;
        }
    }

    /** Parses a librosa norm argument: "inf"/"np.inf", or a positive number. */
    public static double parse(String text, String what) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("inf") || t.equals("np.inf") || t.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(t);
            requireValid(v);
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + "=" + text + " is not a norm (use inf or a number > 0)");
        }
    }

    private static double power(double m, double norm) {
        return norm == 1.0 ? m : norm == 2.0 ? m * m : Math.pow(m, norm);
    }

    private static double finish(double acc, double norm) {
        double length = norm == Double.POSITIVE_INFINITY || norm == 1.0 ? acc
                : norm == 2.0 ? Math.sqrt(acc) : Math.pow(acc, 1.0 / norm);
        return length < Double.MIN_NORMAL ? 1.0 : length;
    }

    private static void requireValid(double norm) {
        if (!(norm > 0)) {
            throw new IllegalArgumentException("norm must be > 0 or inf, got " + norm);
        }
    }
}

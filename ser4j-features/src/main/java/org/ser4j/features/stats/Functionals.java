package org.ser4j.features.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Utterance-level statistics ("functionals") of frame-level feature rows. Every statistic ignores NaN frames (e.g.
 * F0 of unvoiced frames) and is NaN when no non-NaN frame is left or, for skewness and kurtosis, when the row is
 * constant (as scipy returns). Conventions follow numpy/scipy:
 * <ul>
 *   <li>{@code mean}; {@code std}: population standard deviation (numpy ddof=0);</li>
 *   <li>{@code min}, {@code max}, {@code range};</li>
 *   <li>{@code pNN}: the NN-th percentile with numpy's default 'linear' interpolation (e.g. {@code p50} = median),
 *       {@code iqr} = p75 - p25;</li>
 *   <li>{@code skew}: {@code scipy.stats.skew} (biased, m3 / m2^1.5); {@code kurtosis}: {@code scipy.stats.kurtosis}
 *       (Fisher: m4 / m2^2 - 3, biased);</li>
 *   <li>{@code slope}: slope of the least-squares line through (frame index, value), in units per frame.</li>
 * </ul>
 * A {@code Functionals} instance is an immutable list of statistics; it names its outputs
 * {@code <feature>_<row>_<stat>} and is safe to share between threads.
 */
public final class Functionals {
    /** mean and standard deviation. */
    public static final Functionals MEAN_STD = of("mean", "std");
    /** A rich default for scalar contours: moments, extremes, percentiles, shape and trend. */
    public static final Functionals CONTOUR = of("mean", "std", "min", "max", "p10", "p25", "p50", "p75", "p90",
            "skew", "kurtosis", "slope");

    private final List<String> stats;

    private Functionals(List<String> stats) {
        for (String s : stats) {
            if (!isKnown(s)) {
                throw new IllegalArgumentException("unknown statistic '" + s + "' (known: mean, std, min, max, range,"
                        + " p0..p100, iqr, skew, kurtosis, slope)");
            }
        }
        this.stats = List.copyOf(stats);
    }

    /** A list of statistics by name, in output order. */
    public static Functionals of(String... stats) {
        return new Functionals(Arrays.asList(stats));
    }

    public List<String> stats() {
        return stats;
    }

    /** Number of values per row. */
    public int size() {
        return stats.size();
    }

    /** The statistics of one row, in {@link #stats()} order. */
    public double[] apply(double[] row) {
        double[] out = new double[stats.size()];
        apply(row, out, 0);
        return out;
    }

    /** Writes the statistics of one row into {@code out[offset ..]}; returns the next offset. */
    public int apply(double[] row, double[] out, int offset) {
        double[] finite = nonNaN(row);
        double[] sorted = null;
        Moments m = null;
        for (String s : stats) {
            double v;
            if (finite.length == 0) {
                v = Double.NaN;
            } else if (s.startsWith("p") || s.equals("min") || s.equals("max") || s.equals("range")
                    || s.equals("iqr")) {
                if (sorted == null) {
                    sorted = finite.clone();
                    Arrays.sort(sorted);
                }
                v = switch (s) {
                    case "min" -> sorted[0];
                    case "max" -> sorted[sorted.length - 1];
                    case "range" -> sorted[sorted.length - 1] - sorted[0];
                    case "iqr" -> percentileOfSorted(sorted, 75) - percentileOfSorted(sorted, 25);
                    default -> percentileOfSorted(sorted, Double.parseDouble(s.substring(1)));
                };
            } else if (s.equals("slope")) {
                v = slope(row);
            } else {
                if (m == null) {
                    m = Moments.of(finite);
                }
                v = switch (s) {
                    case "mean" -> m.mean;
                    case "std" -> Math.sqrt(m.m2);
                    case "skew" -> m.constant() ? Double.NaN : m.m3 / Math.pow(m.m2, 1.5);
                    case "kurtosis" -> m.constant() ? Double.NaN : m.m4 / (m.m2 * m.m2) - 3.0;
                    default -> throw new IllegalStateException(s);
                };
            }
            out[offset++] = v;
        }
        return offset;
    }

    /** The statistics of every row of a (rows x frames) array, row after row. */
    public double[] apply(double[][] rows) {
        double[] out = new double[rows.length * stats.size()];
        apply(rows, out, 0);
        return out;
    }

    /** Writes the statistics of every row into {@code out[offset ..]}, row after row; returns the next offset. */
    public int apply(double[][] rows, double[] out, int offset) {
        for (double[] row : rows) {
            offset = apply(row, out, offset);
        }
        return offset;
    }

    /** Output names for a feature with {@code nRows} rows: {@code <feature>_<row>_<stat>}, row-major. */
    public List<String> names(String feature, int nRows) {
        List<String> out = new ArrayList<>(nRows * stats.size());
        for (int r = 0; r < nRows; r++) {
            for (String s : stats) {
                out.add(feature + "_" + r + "_" + s);
            }
        }
        return out;
    }

    /** Mean of the non-NaN values (NaN if none). */
    public static double mean(double[] x) {
        double[] f = nonNaN(x);
        return f.length == 0 ? Double.NaN : Moments.of(f).mean;
    }

    /** Population standard deviation of the non-NaN values (numpy's ddof=0). */
    public static double std(double[] x) {
        double[] f = nonNaN(x);
        return f.length == 0 ? Double.NaN : Math.sqrt(Moments.of(f).m2);
    }

    /** numpy.percentile(x, q) with 'linear' interpolation over the non-NaN values, q in [0, 100]. */
    public static double percentile(double[] x, double q) {
        double[] f = nonNaN(x);
        if (f.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(f);
        return percentileOfSorted(f, q);
    }

    /** scipy.stats.skew (bias=True) of the non-NaN values. */
    public static double skew(double[] x) {
        return of("skew").apply(x)[0];
    }

    /** scipy.stats.kurtosis (fisher=True, bias=True) of the non-NaN values. */
    public static double kurtosis(double[] x) {
        return of("kurtosis").apply(x)[0];
    }

    /**
     * Slope of the least-squares line value = a + b * t over the frames t whose value is not NaN; NaN when fewer
     * than two such frames.
     */
    public static double slope(double[] x) {
        int n = 0;
        double sumT = 0;
        double sumX = 0;
        for (int t = 0; t < x.length; t++) {
            if (!Double.isNaN(x[t])) {
                n++;
                sumT += t;
                sumX += x[t];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double meanT = sumT / n;
        double meanX = sumX / n;
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < x.length; t++) {
            if (!Double.isNaN(x[t])) {
                double dt = t - meanT;
                sxy += dt * (x[t] - meanX);
                sxx += dt * dt;
            }
        }
        return sxy / sxx;
    }

    private static double percentileOfSorted(double[] sorted, double q) {
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile must lie in [0, 100], got " + q);
        }
        double pos = q / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        double diff = b - a;
        // numpy's _lerp: from the nearer end, for symmetry
        return frac >= 0.5 ? b - diff * (1 - frac) : a + diff * frac;
    }

    private static double[] nonNaN(double[] x) {
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        if (n == x.length) {
            return x;
        }
        double[] out = new double[n];
        int i = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                out[i++] = v;
            }
        }
        return out;
    }

    private static boolean isKnown(String s) {
        switch (s) {
            case "mean", "std", "min", "max", "range", "iqr", "skew", "kurtosis", "slope" -> {
                return true;
            }
            default -> {
                if (s.matches("p\\d+(\\.\\d+)?")) {
                    double q = Double.parseDouble(s.substring(1));
                    return q >= 0 && q <= 100;
                }
                return false;
            }
        }
    }

    /** Central moments about the mean (two passes, for accuracy). */
    private record Moments(double mean, double m2, double m3, double m4) {
        static Moments of(double[] x) {
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            double mean = sum / x.length;
            double s2 = 0;
            double s3 = 0;
            double s4 = 0;
            for (double v : x) {
                double d = v - mean;
                double d2 = d * d;
                s2 += d2;
                s3 += d2 * d;
                s4 += d2 * d2;
            }
            return new Moments(mean, s2 / x.length, s3 / x.length, s4 / x.length);
        }

        /** scipy's test for a constant row: m2 &lt;= (1e-15 * mean)^2 (float64 resolution). */
        boolean constant() {
            double r = 1e-15 * mean;
            return m2 <= r * r;
        }
    }

    @Override
    public String toString() {
        return String.join(",", stats);
    }

    /** Parses a comma-separated list such as {@code mean,std,p50}. */
    public static Functionals parse(String list) {
        return new Functionals(Arrays.stream(list.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList());
    }
}

package org.ser4j.features.spectral;

/**
 * {@code librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)}:
 * {@code 10 log10(max(amin, S)) - 10 log10(max(amin, |ref|))}, then everything below (array maximum - top_db)
 * is raised to that floor. For {@code ref=np.max} pass {@link #max(double[][])} as the reference.
 */
public final class Decibels {
    /** librosa's default amin. */
    public static final double AMIN = 1e-10;
    /** librosa's default top_db. */
    public static final double TOP_DB = 80.0;

    private Decibels() {
    }

    /** power_to_db with librosa's defaults (ref=1.0, amin=1e-10, top_db=80). */
    public static double[][] powerToDb(double[][] s) {
        return powerToDb(s, 1.0, AMIN, TOP_DB);
    }

    /**
     * power_to_db of a whole (features x frames) array into a new array.
     *
     * @param ref   reference power (librosa's ref; its absolute value is used)
     * @param amin  floor for S and ref before the logarithm (&gt; 0)
     * @param topDb dynamic range kept below the array's maximum in dB, or {@code Double.NaN} for None
     */
    public static double[][] powerToDb(double[][] s, double ref, double amin, double topDb) {
        if (!(amin > 0)) {
            throw new IllegalArgumentException("amin must be strictly positive, got " + amin);
        }
        if (topDb < 0) {
            throw new IllegalArgumentException("top_db must be non-negative, got " + topDb);
        }
        double refDb = 10.0 * Math.log10(Math.max(amin, Math.abs(ref)));
        double[][] out = new double[s.length][];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            double[] row = s[i];
            double[] o = new double[row.length];
            for (int t = 0; t < row.length; t++) {
                double v = 10.0 * Math.log10(Math.max(amin, row[t])) - refDb;
                o[t] = v;
                peak = Math.max(peak, v);
            }
            out[i] = o;
        }
        if (!Double.isNaN(topDb)) {
            double floor = peak - topDb;
            for (double[] o : out) {
                for (int t = 0; t < o.length; t++) {
                    if (o[t] < floor) {
                        o[t] = floor;
                    }
                }
            }
        }
        return out;
    }

    /** The array's maximum, librosa's {@code ref=np.max}. */
    public static double max(double[][] s) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] row : s) {
            for (double v : row) {
                m = Math.max(m, v);
            }
        }
        return m;
    }
}

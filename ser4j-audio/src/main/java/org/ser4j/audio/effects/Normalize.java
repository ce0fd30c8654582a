package org.ser4j.audio.effects;

/**
 * Level normalisation and DC removal. Pure functions returning new arrays; an all-zero input comes back as a
 * copy (there is no level to scale).
 */
public final class Normalize {
    private Normalize() {
    }

    /** Scales so that the largest |sample| equals {@code targetPeak} (e.g. 1.0 = 0 dBFS). */
    public static double[] peak(double[] y, double targetPeak) {
        double peak = 0;
        for (double v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        return scale(y, peak == 0 ? 1 : targetPeak / peak);
    }

    /**
     * Scales so that the signal's RMS is {@code targetDbfs} dB relative to full scale (RMS 1.0 = 0 dBFS), e.g.
     * -20 for typical speech. The result may exceed [-1, 1] for high targets; no limiting is applied.
     */
    public static double[] rms(double[] y, double targetDbfs) {
        double sum = 0;
        for (double v : y) {
            sum += v * v;
        }
        double rms = y.length == 0 ? 0 : Math.sqrt(sum / y.length);
        return scale(y, rms == 0 ? 1 : Math.pow(10, targetDbfs / 20) / rms);
    }

    /** The signal's RMS level in dBFS ({@code -Infinity} for silence). */
    public static double rmsDbfs(double[] y) {
        double sum = 0;
        for (double v : y) {
            sum += v * v;
        }
        return 10 * Math.log10(sum / Math.max(1, y.length));
    }

    /** Subtracts the mean (DC offset). */
    public static double[] removeDc(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean = y.length == 0 ? 0 : mean / y.length;
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] - mean;
        }
        return out;
    }

    private static double[] scale(double[] y, double g) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] * g;
        }
        return out;
    }
}

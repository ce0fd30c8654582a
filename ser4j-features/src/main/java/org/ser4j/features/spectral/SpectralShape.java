package org.ser4j.features.spectral;

/**
 * Per-frame spectral shape descriptors as librosa computes them. Centroid, bandwidth and rolloff take the
 * <em>magnitude</em> spectrogram |STFT| (librosa's power=1); flatness squares it (power=2.0). Inputs are
 * (bins x frames) with bin k at {@code fft_frequencies(sr, n_fft)[k]}; outputs are (1 x frames).
 */
public final class SpectralShape {
    private SpectralShape() {
    }

    /** {@code librosa.feature.spectral_centroid}: the magnitude-weighted mean frequency of each frame, in Hz. */
    public static double[][] centroid(double[][] mag, double sr, int nFft) {
        double[] freq = frequencies(mag, sr, nFft);
        int nFrames = frames(mag);
        double[] total = columnSums(mag);
        double[] c = new double[nFrames];
        for (int k = 0; k < mag.length; k++) {
            double f = freq[k];
            double[] row = mag[k];
            for (int t = 0; t < nFrames; t++) {
                c[t] += f * (row[t] / total[t]);
            }
        }
        return new double[][] {c};
    }

    /**
     * {@code librosa.feature.spectral_bandwidth(norm=True, p=2)} generalised to any p: the p-th root of the
     * (normalised) magnitude-weighted p-th moment of |f - centroid|.
     *
     * @param centroid the frame centroids ({@link #centroid}), or null to compute them
     * @param norm     normalise each frame's magnitudes to sum 1 first (norm, default True)
     * @param p        the moment's order (p, default 2)
     */
    public static double[][] bandwidth(double[][] mag, double sr, int nFft, double[][] centroid, boolean norm,
            double p) {
        if (!(p > 0)) {
            throw new IllegalArgumentException("spectral_bandwidth p must be > 0, got " + p);
        }
        double[] cen = (centroid != null ? centroid : centroid(mag, sr, nFft))[0];
        double[] freq = frequencies(mag, sr, nFft);
        int nFrames = frames(mag);
        double[] total = norm ? columnSums(mag) : null;
        double[] acc = new double[nFrames];
        for (int k = 0; k < mag.length; k++) {
            double f = freq[k];
            double[] row = mag[k];
            for (int t = 0; t < nFrames; t++) {
                double dev = Math.abs(cen[t] - f);
                double devP = p == 2.0 ? dev * dev : p == 1.0 ? dev : Math.pow(dev, p);
                double s = norm ? row[t] / total[t] : row[t];
                acc[t] += s * devP;
            }
        }
        for (int t = 0; t < nFrames; t++) {
            acc[t] = p == 2.0 ? Math.sqrt(acc[t]) : Math.pow(acc[t], 1.0 / p);
        }
        return new double[][] {acc};
    }

    /** Spectral bandwidth with librosa's defaults (norm=True, p=2). */
    public static double[][] bandwidth(double[][] mag, double sr, int nFft, double[][] centroid) {
        return bandwidth(mag, sr, nFft, centroid, true, 2.0);
    }

    /**
     * {@code librosa.feature.spectral_rolloff}: the frequency of the lowest bin at which the cumulative magnitude
     * reaches {@code rollPercent} (default 0.85) of the frame's total.
     */
    public static double[][] rolloff(double[][] mag, double sr, int nFft, double rollPercent) {
        if (!(rollPercent > 0 && rollPercent < 1)) {
            throw new IllegalArgumentException("roll_percent must lie between 0 and 1, got " + rollPercent);
        }
        double[] freq = frequencies(mag, sr, nFft);
        int nFrames = frames(mag);
        double[] total = new double[nFrames];
        for (double[] row : mag) {
            for (int t = 0; t < nFrames; t++) {
                total[t] += row[t];
            }
        }
        double[] out = new double[nFrames];
        double[] cum = new double[nFrames];
        boolean[] found = new boolean[nFrames];
        for (int t = 0; t < nFrames; t++) {
            total[t] *= rollPercent; // the threshold
        }
        for (int k = 0; k < mag.length; k++) {
            double[] row = mag[k];
            for (int t = 0; t < nFrames; t++) {
                cum[t] += row[t];
                if (!found[t] && cum[t] >= total[t]) {
                    found[t] = true;
                    out[t] = freq[k];
                }
            }
        }
        return new double[][] {out};
    }

    /**
     * {@code librosa.feature.spectral_flatness(amin=1e-10, power=2.0)}: geometric over arithmetic mean of
     * max(amin, |S|^power) per frame.
     *
     * @param mag   magnitude spectrogram |STFT|
     * @param amin  floor for the powered magnitudes (amin)
     * @param power exponent applied to the magnitudes (power)
     */
    public static double[][] flatness(double[][] mag, double amin, double power) {
        if (!(amin > 0)) {
            throw new IllegalArgumentException("amin must be strictly positive, got " + amin);
        }
        int nFrames = frames(mag);
        double[] logSum = new double[nFrames];
        double[] sum = new double[nFrames];
        for (double[] row : mag) {
            for (int t = 0; t < nFrames; t++) {
                double m = row[t];
                double v = Math.max(amin, power == 2.0 ? m * m : power == 1.0 ? m : Math.pow(m, power));
                logSum[t] += Math.log(v);
                sum[t] += v;
            }
        }
        int n = mag.length;
        double[] out = new double[nFrames];
        for (int t = 0; t < nFrames; t++) {
            out[t] = Math.exp(logSum[t] / n) / (sum[t] / n);
        }
        return new double[][] {out};
    }

    private static double[] frequencies(double[][] s, double sr, int nFft) {
        double[] f = Frequencies.fftFrequencies(sr, nFft);
        if (f.length != s.length) {
            throw new IllegalArgumentException("spectrogram has " + s.length + " bins, n_fft=" + nFft + " needs "
                    + f.length);
        }
        return f;
    }

    /** Column sums, replaced by 1 where below the smallest normal double (librosa's normalize(norm=1)). */
    private static double[] columnSums(double[][] s) {
        int nFrames = frames(s);
        double[] total = new double[nFrames];
        for (double[] row : s) {
            for (int t = 0; t < nFrames; t++) {
                total[t] += Math.abs(row[t]);
            }
        }
        for (int t = 0; t < nFrames; t++) {
            if (total[t] < Double.MIN_NORMAL) {
                total[t] = 1.0;
            }
        }
        return total;
    }

    private static int frames(double[][] s) {
        return s.length == 0 ? 0 : s[0].length;
    }
}

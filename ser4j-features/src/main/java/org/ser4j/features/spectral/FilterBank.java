package org.ser4j.features.spectral;

/**
 * An immutable (filters x frequency bins) weight matrix stored as each filter's contiguous non-zero band, so that
 * applying it costs only the non-zero weights (a mel filter covers a few bins out of hundreds). Thread-safe.
 */
public final class FilterBank {
    private final int nBins;
    private final int[] start;
    private final double[][] band;

    /** A bank from a dense (filters x bins) matrix; zero weights at either end of a row are not stored. */
    public FilterBank(double[][] dense) {
        this.nBins = dense.length == 0 ? 0 : dense[0].length;
        this.start = new int[dense.length];
        this.band = new double[dense.length][];
        for (int i = 0; i < dense.length; i++) {
            double[] row = dense[i];
            int lo = 0;
            int hi = row.length;
            while (lo < hi && row[lo] == 0) {
                lo++;
            }
            while (hi > lo && row[hi - 1] == 0) {
                hi--;
            }
            start[i] = lo;
            band[i] = java.util.Arrays.copyOfRange(row, lo, hi);
        }
    }

    /** Number of filters (rows). */
    public int nFilters() {
        return band.length;
    }

    /** Number of frequency bins (columns), 1 + n_fft/2. */
    public int nBins() {
        return nBins;
    }

    /** Weight of filter {@code i} at bin {@code k}. */
    public double weight(int i, int k) {
        int j = k - start[i];
        return j >= 0 && j < band[i].length ? band[i][j] : 0.0;
    }

    /** The full (filters x bins) matrix, as librosa returns it. */
    public double[][] dense() {
        double[][] m = new double[band.length][nBins];
        for (int i = 0; i < band.length; i++) {
            System.arraycopy(band[i], 0, m[i], start[i], band[i].length);
        }
        return m;
    }

    /**
     * The filter outputs {@code W · S} for a (bins x frames) spectrogram: (filters x frames). Each weight scales a
     * whole spectrogram row, so the inner loop runs over contiguous frames.
     */
    public double[][] apply(double[][] s) {
        if (s.length != nBins) {
            throw new IllegalArgumentException("filter bank expects " + nBins + " frequency bins, got " + s.length);
        }
        int nFrames = nBins == 0 ? 0 : s[0].length;
        double[][] out = new double[band.length][nFrames];
        for (int i = 0; i < band.length; i++) {
            double[] acc = out[i];
            double[] w = band[i];
            for (int j = 0; j < w.length; j++) {
                double wj = w[j];
                double[] row = s[start[i] + j];
                for (int t = 0; t < nFrames; t++) {
                    acc[t] += wj * row[t];
                }
            }
        }
        return out;
    }
}

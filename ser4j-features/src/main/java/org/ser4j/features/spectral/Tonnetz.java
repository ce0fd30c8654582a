package org.ser4j.features.spectral;

/**
 * Tonal centroid features, {@code librosa.feature.tonnetz(chroma=...)}: each L1-normalised chroma frame projected
 * onto the circles of fifths, minor thirds and major thirds (6 rows: sin/cos pairs, radii 1, 1, 0.5). librosa's
 * default tonnetz uses chroma_cqt (org.ser4j.features.cqt supplies it); {@code tonnetz_chroma_stft} feeds chroma_stft.
 */
public final class Tonnetz {
    private static final double[] SCALE = {7.0 / 6, 7.0 / 6, 3.0 / 2, 3.0 / 2, 2.0 / 3, 2.0 / 3};
    private static final double[] RADIUS = {1, 1, 1, 1, 0.5, 0.5};

    private Tonnetz() {
    }

    /** The 6 x frames tonal centroids of an (n_chroma x frames) chromagram (not modified). */
    public static double[][] tonnetz(double[][] chroma) {
        int nChroma = chroma.length;
        if (nChroma == 0) {
            throw new IllegalArgumentException("tonnetz needs a chromagram with at least one chroma row");
        }
        int nFrames = chroma[0].length;
        double[] dimMap = Frequencies.linspaceOpen(0, 12, nChroma);
        double[][] phi = new double[6][nChroma];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < nChroma; c++) {
                double v = SCALE[r] * dimMap[c];
                if (r % 2 == 0) {
                    v -= 0.5; // even rows are sines
                }
                phi[r][c] = RADIUS[r] * Math.cos(Math.PI * v);
            }
        }
        double[] l1 = new double[nFrames];
        for (double[] row : chroma) {
            for (int t = 0; t < nFrames; t++) {
                l1[t] += Math.abs(row[t]);
            }
        }
        for (int t = 0; t < nFrames; t++) {
            if (l1[t] < Double.MIN_NORMAL) {
                l1[t] = 1.0;
            }
        }
        double[][] out = new double[6][nFrames];
        for (int r = 0; r < 6; r++) {
            double[] acc = out[r];
            for (int c = 0; c < nChroma; c++) {
                double w = phi[r][c];
                double[] row = chroma[c];
                for (int t = 0; t < nFrames; t++) {
                    acc[t] += w * (row[t] / l1[t]);
                }
            }
        }
        return out;
    }
}

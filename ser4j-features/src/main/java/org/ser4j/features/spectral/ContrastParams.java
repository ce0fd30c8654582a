package org.ser4j.features.spectral;

import org.ser4j.features.Params;

/**
 * spectral_contrast parameters with librosa's names and defaults ({@code librosa.feature.spectral_contrast(
 * fmin=200.0, n_bands=6, quantile=0.02, linear=False)}).
 *
 * @param fmin     upper edge of the lowest band (0 - fmin Hz); the following bands are octaves (fmin, 200.0)
 * @param nBands   number of octave bands above the lowest; n_bands + 1 rows result (n_bands, 6)
 * @param quantile share of each band's bins averaged for its peak and for its valley (quantile, 0.02)
 * @param linear   contrast as peak - valley of magnitudes instead of the difference of their power_to_db
 *                 (linear, False)
 */
public record ContrastParams(double fmin, int nBands, double quantile, boolean linear) {

    /** librosa's defaults. */
    public static final ContrastParams DEFAULT = new ContrastParams(200.0, 6, 0.02, false);

    public ContrastParams {
        if (!(fmin > 0)) {
            throw new IllegalArgumentException("spectral_contrast fmin must be > 0, got " + fmin);
        }
        if (nBands < 1) {
            throw new IllegalArgumentException("spectral_contrast n_bands must be a positive integer, got " + nBands);
        }
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("spectral_contrast quantile must lie in (0, 1), got " + quantile);
        }
    }

    /** Reads fmin, n_bands, quantile, linear with librosa's defaults. */
    public static ContrastParams from(Params p) {
        return new ContrastParams(p.getDouble("fmin", 200.0), p.getInt("n_bands", 6), p.getDouble("quantile", 0.02),
                p.getBool("linear", false));
    }
}

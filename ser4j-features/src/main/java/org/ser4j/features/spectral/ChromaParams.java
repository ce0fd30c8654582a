package org.ser4j.features.spectral;

import org.ser4j.features.Params;

/**
 * chroma_stft parameters with librosa's names and defaults ({@code librosa.feature.chroma_stft(norm=np.inf,
 * tuning=None, n_chroma=12)} and {@code librosa.filters.chroma(ctroct=5.0, octwidth=2, norm=2, base_c=True,
 * dtype=np.float32)}).
 *
 * @param nChroma        chroma bins per octave (n_chroma, default 12)
 * @param tuning         tuning offset in fractions of a chroma bin, or null to estimate it from the spectrogram
 *                       with {@link Tuning#estimateTuning} (tuning, default None)
 * @param norm           per-frame normalisation of the chroma vector; +inf = max (norm, default np.inf), or
 *                       {@code Double.NaN} for None
 * @param ctroct         centre of the Gaussian octave weighting, in octaves above A0 = 27.5 Hz (ctroct, 5.0)
 * @param octwidth       half-width of that weighting in octaves, or null for flat weighting (octwidth, 2)
 * @param filterNorm     p-norm of each filter-bank column before the octave weighting (filters.chroma norm, 2)
 * @param baseC          first chroma row is C rather than A (base_c, True)
 * @param float32Weights round the filter weights to float32 as librosa's dtype=np.float32 does
 */
public record ChromaParams(int nChroma, Double tuning, double norm, double ctroct, Double octwidth,
        double filterNorm, boolean baseC, boolean float32Weights) {

    /** librosa's defaults. */
    public static final ChromaParams DEFAULT = new ChromaParams(12, null, Double.POSITIVE_INFINITY, 5.0, 2.0, 2.0,
            true, true);

    public ChromaParams {
        if (nChroma <= 0) {
            throw new IllegalArgumentException("n_chroma must be > 0, got " + nChroma);
        }
        if (tuning != null && !(tuning >= -0.5 && tuning < 0.5)) {
            throw new IllegalArgumentException("tuning must lie in [-0.5, 0.5), got " + tuning);
        }
        if (octwidth != null && !(octwidth > 0)) {
            throw new IllegalArgumentException("octwidth must be > 0 or None, got " + octwidth);
        }
    }

    /** The same parameters with a fixed tuning. */
    public ChromaParams withTuning(double t) {
        return new ChromaParams(nChroma, t, norm, ctroct, octwidth, filterNorm, baseC, float32Weights);
    }

    /** Reads n_chroma, tuning, norm, ctroct, octwidth, base_c and dtype with librosa's defaults. */
    public static ChromaParams from(Params p) {
        boolean normNone = p.asMap().containsKey("norm") && !p.has("norm");
        String norm = p.getString("norm", "inf");
        return new ChromaParams(p.getInt("n_chroma", 12), p.getDoubleOrNull("tuning", null),
                normNone ? Double.NaN : Normalize.parse(norm, "norm"), p.getDouble("ctroct", 5.0),
                p.getDoubleOrNull("octwidth", 2.0), 2.0, p.getBool("base_c", true), MelParams.float32(p));
    }
}

package org.ser4j.features.cqt;

import org.ser4j.features.Params;
import org.ser4j.features.spectral.Normalize;

/**
 * Parameters of {@link ChromaCqt#chromaCqt}, with librosa 0.11's names and defaults
 * ({@code librosa.feature.chroma_cqt(y, sr, hop_length=512, fmin=None, norm=np.inf, threshold=0.0, tuning=None,
 * n_chroma=12, n_octaves=7, window=None, bins_per_octave=36, cqt_mode='full')}; window and cqt_mode are fixed at
 * None and 'full'). The CQT's octave resampler is resampy's kaiser_best instead of librosa's soxr_hq (see
 * {@link CqtParams}).
 *
 * @param hopLength     samples between frames (hop_length)
 * @param fmin          lowest CQT frequency before tuning; {@code null} = C1 (fmin)
 * @param norm          per-frame normalisation of the chroma vector: p-norm or {@code Double.POSITIVE_INFINITY}
 *                      (max = 1) (norm)
 * @param threshold     chroma values below this become 0 before normalising (threshold)
 * @param tuning        tuning in fractions of a CQT bin; {@code null} = estimate from the signal (tuning)
 * @param nChroma       chroma bins per octave (n_chroma)
 * @param nOctaves      octaves of CQT analysed (n_octaves)
 * @param binsPerOctave CQT bins per octave, a multiple of n_chroma (bins_per_octave)
 * @param resType       CQT octave resampler, "kaiser_best" or "kaiser_fast"
 */
public record ChromaCqtParams(int hopLength, Double fmin, double norm, double threshold, Double tuning, int nChroma,
        int nOctaves, int binsPerOctave, String resType) {

    public ChromaCqtParams {
        if (nChroma < 1 || nOctaves < 1 || binsPerOctave < 1 || binsPerOctave % nChroma != 0) {
            throw new IllegalArgumentException("bins_per_octave=" + binsPerOctave + " must be a positive multiple of "
                    + "n_chroma=" + nChroma + ", and n_octaves=" + nOctaves + " positive");
        }
    }

    /** librosa's chroma_cqt defaults (tuning estimated, 7 octaves of 36 bins from C1, max-normalised). */
    public static ChromaCqtParams defaults() {
        return new ChromaCqtParams(512, null, Double.POSITIVE_INFINITY, 0.0, null, 12, 7, 36, "kaiser_best");
    }

    /**
     * From librosa-named parameters (hop_length, fmin, norm, threshold, tuning (None = estimate), n_chroma,
     * n_octaves, bins_per_octave, res_type); window must be None and cqt_mode 'full', the only forms supported.
     */
    public static ChromaCqtParams from(Params p) {
        if (p.getString("window", null) != null) {
            throw new IllegalArgumentException("chroma_cqt window is not supported (only None)");
        }
        String mode = CqtParams.unquote(p.getString("cqt_mode", "full"));
        if (!mode.equals("full")) {
            throw new IllegalArgumentException("cqt_mode='" + mode + "' is not supported (only 'full')");
        }
        return new ChromaCqtParams(p.getInt("hop_length", 512), p.getDoubleOrNull("fmin", null),
                Normalize.parse(p.getString("norm", "inf"), "norm"), p.getDouble("threshold", 0.0),
                p.getDoubleOrNull("tuning", null), p.getInt("n_chroma", 12), p.getInt("n_octaves", 7),
                p.getInt("bins_per_octave", 36), CqtParams.resType(p));
    }

    public ChromaCqtParams withHopLength(int hop) {
        return new ChromaCqtParams(hop, fmin, norm, threshold, tuning, nChroma, nOctaves, binsPerOctave, resType);
    }

    public ChromaCqtParams withTuning(Double t) {
        return new ChromaCqtParams(hopLength, fmin, norm, threshold, t, nChroma, nOctaves, binsPerOctave, resType);
    }

    /** The CQT this chroma is folded from: n_octaves * bins_per_octave bins, librosa's other cqt defaults. */
    public CqtParams cqtParams() {
        return new CqtParams(hopLength, fmin, nOctaves * binsPerOctave, binsPerOctave, tuning, 1, 1, 0.01, "hann",
                true, "constant", resType);
    }
}

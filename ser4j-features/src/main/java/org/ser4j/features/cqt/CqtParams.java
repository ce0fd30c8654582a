package org.ser4j.features.cqt;

import org.ser4j.features.Params;
import org.ser4j.features.spectral.Normalize;

/**
 * Parameters of {@link Cqt#magnitude}, with librosa 0.11's names and defaults ({@code librosa.cqt(y, sr,
 * hop_length=512, fmin=None, n_bins=84, bins_per_octave=12, tuning=0.0, filter_scale=1, norm=1, sparsity=0.01,
 * window='hann', scale=True, pad_mode='constant', res_type='soxr_hq')}).
 *
 * <p>One deliberate difference: librosa resamples octave by octave with libsoxr ({@code res_type='soxr_hq'}), which
 * ser4j cannot reproduce; the default here is resampy's {@code 'kaiser_best'} (see {@code org.ser4j.audio.Resample}).
 * The top octave, computed before any resampling, matches librosa to rounding; lower octaves differ by the
 * resamplers' difference (the reference README measures about 1e-2 peak-relative between two resamplers).
 *
 * @param hopLength     samples between CQT columns; each octave below the top halves it while it stays even
 *                      (hop_length)
 * @param fmin          lowest bin's frequency in Hz before tuning; {@code null} = C1 = 32.70 Hz (fmin)
 * @param nBins         number of bins (n_bins)
 * @param binsPerOctave bins per octave (bins_per_octave)
 * @param tuning        tuning offset in fractions of a bin; {@code null} = estimate it from the signal (tuning)
 * @param filterScale   filter length factor; &lt; 1 gives shorter filters (filter_scale)
 * @param norm          basis normalisation: p-norm (1 = L1) or {@code Double.POSITIVE_INFINITY} (norm)
 * @param sparsity      fraction of each basis filter's energy that may be discarded, in [0, 1) (sparsity)
 * @param window        basis window: hann, hamming, blackman or boxcar (window)
 * @param scale         divide each bin by sqrt(filter length), like norm='ortho' for the FFT (scale)
 * @param padMode       padding of the centred frames: constant (zeros), edge or reflect (pad_mode)
 * @param resType       octave resampler: "kaiser_best" or "kaiser_fast" (res_type; see above)
 */
public record CqtParams(int hopLength, Double fmin, int nBins, int binsPerOctave, Double tuning, double filterScale,
        double norm, double sparsity, String window, boolean scale, String padMode, String resType) {

    /** C1, librosa's default fmin: {@code note_to_hz('C1')} = 440 * 2^((24 - 69) / 12). */
    public static final double C1_HZ = 440.0 * Math.pow(2.0, (24 - 69) / 12.0);

    public CqtParams {
        if (hopLength < 1 || nBins < 1 || binsPerOctave < 1) {
            throw new IllegalArgumentException("hop_length, n_bins and bins_per_octave must be positive, got "
                    + hopLength + ", " + nBins + ", " + binsPerOctave);
        }
        if (fmin != null && !(fmin > 0)) {
            throw new IllegalArgumentException("fmin must be positive, got " + fmin);
        }
        if (!(filterScale > 0)) {
            throw new IllegalArgumentException("filter_scale must be positive, got " + filterScale);
        }
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        if (!(norm > 0)) {
            throw new IllegalArgumentException("norm must be positive or infinite, got " + norm);
        }
    }

    /** librosa's cqt defaults (tuning 0.0, i.e. not estimated), with kaiser_best octave resampling. */
    public static CqtParams defaults() {
        return new CqtParams(512, null, 84, 12, 0.0, 1, 1, 0.01, "hann", true, "constant", "kaiser_best");
    }

    /**
     * From librosa-named parameters (hop_length, fmin, n_bins, bins_per_octave, tuning (None = estimate),
     * filter_scale, norm, sparsity, window, scale, pad_mode, res_type). res_type defaults to kaiser_best;
     * librosa's soxr variants are refused, since ser4j cannot reproduce them.
     */
    public static CqtParams from(Params p) {
        return new CqtParams(p.getInt("hop_length", 512), p.getDoubleOrNull("fmin", null), p.getInt("n_bins", 84),
                p.getInt("bins_per_octave", 12), p.getDoubleOrNull("tuning", 0.0), p.getDouble("filter_scale", 1),
                Normalize.parse(p.getString("norm", "1"), "norm"), p.getDouble("sparsity", 0.01),
                unquote(p.getString("window", "hann")), p.getBool("scale", true),
                unquote(p.getString("pad_mode", "constant")), resType(p));
    }

    /** res_type: kaiser_best (default) or kaiser_fast; soxr_* are refused with an explanation. */
    static String resType(Params p) {
        String r = unquote(p.getString("res_type", "kaiser_best"));
        if (!r.equals("kaiser_best") && !r.equals("kaiser_fast")) {
            throw new IllegalArgumentException("res_type='" + r + "' is not available: ser4j resamples CQT octaves "
                    + "with kaiser_best or kaiser_fast (librosa's soxr_hq cannot be reproduced)");
        }
        return r;
    }

    static String unquote(String v) {
        return v.replace("'", "").replace("\"", "").trim();
    }

    public CqtParams withHopLength(int hop) {
        return new CqtParams(hop, fmin, nBins, binsPerOctave, tuning, filterScale, norm, sparsity, window, scale,
                padMode, resType);
    }

    public CqtParams withBins(int n, int perOctave) {
        return new CqtParams(hopLength, fmin, n, perOctave, tuning, filterScale, norm, sparsity, window, scale,
                padMode, resType);
    }

    /** The same parameters with another tuning ({@code null}: estimate it). */
    public CqtParams withTuning(Double t) {
        return new CqtParams(hopLength, fmin, nBins, binsPerOctave, t, filterScale, norm, sparsity, window, scale,
                padMode, resType);
    }

    public CqtParams withFmin(Double f) {
        return new CqtParams(hopLength, f, nBins, binsPerOctave, tuning, filterScale, norm, sparsity, window, scale,
                padMode, resType);
    }

    public CqtParams withResType(String r) {
        return new CqtParams(hopLength, fmin, nBins, binsPerOctave, tuning, filterScale, norm, sparsity, window, scale,
                padMode, r);
    }
}

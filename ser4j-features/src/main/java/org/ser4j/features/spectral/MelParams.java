package org.ser4j.features.spectral;

import org.ser4j.features.Params;

/**
 * Mel filter bank parameters with librosa's names and defaults ({@code librosa.filters.mel(sr, n_fft, n_mels=128,
 * fmin=0.0, fmax=None, htk=False, norm='slaney', dtype=np.float32)}).
 *
 * @param nMels          number of mel bands (n_mels, default 128)
 * @param fmin           lowest frequency in Hz (fmin, default 0)
 * @param fmax           highest frequency in Hz, or null for sr/2 (fmax, default None)
 * @param htk            HTK mel formula instead of Slaney's (htk, default false)
 * @param norm           "slaney" (each triangle scaled by 2 / its width in Hz, the default), null for none
 *                       (norm=None), or a p-norm per filter ("1", "2", "inf")
 * @param float32Weights round the weights to float32 like librosa's default {@code dtype=np.float32}; false keeps
 *                       float64 weights (moves mel by ~4e-8 relative)
 */
public record MelParams(int nMels, double fmin, Double fmax, boolean htk, String norm, boolean float32Weights) {

    /** librosa's defaults: 128 Slaney bands from 0 Hz to Nyquist, Slaney norm, float32 weights. */
    public static final MelParams DEFAULT = new MelParams(128, 0.0, null, false, "slaney", true);

    public MelParams {
        if (nMels <= 0) {
            throw new IllegalArgumentException("n_mels must be > 0, got " + nMels);
        }
        if (!(fmin >= 0) || (fmax != null && !(fmax > fmin))) {
            throw new IllegalArgumentException("need 0 <= fmin < fmax, got fmin=" + fmin + " fmax=" + fmax);
        }
        if (norm != null && !norm.equals("slaney")) {
            Normalize.parse(norm, "norm");
        }
    }

    /** The same bank with another number of bands. */
    public MelParams withNMels(int n) {
        return new MelParams(n, fmin, fmax, htk, norm, float32Weights);
    }

    /** The upper edge in Hz for a sample rate: fmax, or sr/2 when fmax is None. */
    public double fmaxFor(double sr) {
        return fmax == null ? sr / 2.0 : fmax;
    }

    /**
     * Reads n_mels, fmin, fmax, htk, dtype and the filter norm (under {@code normKey}: "norm" for
     * melspectrogram, "mel_norm" for mfcc) with librosa's defaults.
     */
    public static MelParams from(Params p, String normKey) {
        boolean explicitNone = p.asMap().containsKey(normKey) && !p.has(normKey);
        String norm = p.getString(normKey, explicitNone ? null : "slaney");
        return new MelParams(p.getInt("n_mels", DEFAULT.nMels), p.getDouble("fmin", DEFAULT.fmin),
                p.getDoubleOrNull("fmax", null), p.getBool("htk", false), norm, float32(p));
    }

    /** Reads librosa's {@code dtype} argument of filter banks: float32 (default) or float64. */
    static boolean float32(Params p) {
        String dtype = p.getString("dtype", "float32").replace("np.", "");
        return switch (dtype) {
            case "float32" -> true;
            case "float64", "float" -> false;
            default -> throw new IllegalArgumentException("dtype=" + dtype + " is not float32 or float64");
        };
    }
}

package org.ser4j.features.spectral;

import org.ser4j.features.Params;

/**
 * MFCC parameters with librosa's names and defaults ({@code librosa.feature.mfcc(n_mfcc=20, dct_type=2,
 * norm='ortho', lifter=0, mel_norm='slaney', n_mels=128, ...)}). The mel spectrogram underneath uses
 * {@link MelParams} (its norm is mfcc's {@code mel_norm}) and power_to_db's defaults (ref=1.0, amin=1e-10,
 * top_db=80).
 *
 * @param nMfcc  number of coefficients kept (n_mfcc, default 20)
 * @param ortho  DCT-II with norm='ortho' (default) or unnormalised (norm=None)
 * @param lifter cepstral liftering coefficient; 0 = none (lifter, default 0)
 * @param mel    the mel bank (n_mels=128, Slaney)
 */
public record MfccParams(int nMfcc, boolean ortho, double lifter, MelParams mel) {

    /** librosa's defaults: 20 coefficients, orthonormal DCT-II, no liftering, 128 Slaney mel bands. */
    public static final MfccParams DEFAULT = new MfccParams(20, true, 0, MelParams.DEFAULT);

    public MfccParams {
        if (nMfcc <= 0) {
            throw new IllegalArgumentException("n_mfcc must be > 0, got " + nMfcc);
        }
        if (nMfcc > mel.nMels()) {
            throw new IllegalArgumentException("n_mfcc=" + nMfcc + " exceeds n_mels=" + mel.nMels());
        }
        if (!(lifter >= 0)) {
            throw new IllegalArgumentException("MFCC lifter=" + lifter + " must be a non-negative number");
        }
    }

    /** Reads n_mfcc, dct_type (only 2 is supported), norm, lifter and the mel parameters (mel_norm, n_mels, ...). */
    public static MfccParams from(Params p) {
        int dctType = p.getInt("dct_type", 2);
        if (dctType != 2) {
            throw new IllegalArgumentException("dct_type=" + dctType + " is not supported (only 2, librosa's default)");
        }
        boolean explicitNone = p.asMap().containsKey("norm") && !p.has("norm");
        String norm = p.getString("norm", explicitNone ? null : "ortho");
        if (norm != null && !norm.replace("'", "").equals("ortho")) {
            throw new IllegalArgumentException("mfcc norm=" + norm + " is not supported (use ortho or None)");
        }
        return new MfccParams(p.getInt("n_mfcc", DEFAULT.nMfcc), norm != null, p.getDouble("lifter", 0),
                MelParams.from(p, "mel_norm"));
    }
}

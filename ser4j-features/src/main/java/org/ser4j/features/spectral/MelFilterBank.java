package org.ser4j.features.spectral;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Mel filter banks, {@code librosa.filters.mel}. Weights are computed with librosa's arithmetic: triangles on the
 * mel-spaced edges {@code mel_frequencies(n_mels + 2, fmin, fmax, htk)} over {@code fft_frequencies(sr, n_fft)},
 * rounded to float32 (librosa's default dtype), then scaled by {@code 2 / (f[i+2] - f[i])} for the Slaney norm
 * (the product rounded to float32 again, as numpy's in-place multiply on a float32 array does).
 */
public final class MelFilterBank {
    private static final int CACHE_LIMIT = 64;
    private static final ConcurrentHashMap<Key, FilterBank> CACHE = new ConcurrentHashMap<>();

    private record Key(double sr, int nFft, MelParams params) {
    }

    private MelFilterBank() {
    }

    /** The (n_mels x (1 + n_fft/2)) bank for a sample rate and FFT size; built once per parameter set and shared. */
    public static FilterBank of(double sr, int nFft, MelParams p) {
        Key key = new Key(sr, nFft, p);
        FilterBank fb = CACHE.get(key);
        if (fb == null) {
            fb = new FilterBank(weights(sr, nFft, p));
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.putIfAbsent(key, fb);
            }
        }
        return fb;
    }

    /** The dense weight matrix, exactly {@code librosa.filters.mel(sr=sr, n_fft=n_fft, ...)}. */
    public static double[][] weights(double sr, int nFft, MelParams p) {
        if (!(sr > 0) || nFft <= 0) {
            throw new IllegalArgumentException("mel filter bank needs sr > 0 and n_fft > 0, got sr=" + sr
                    + " n_fft=" + nFft);
        }
        int nMels = p.nMels();
        double[] fftFreqs = Frequencies.fftFrequencies(sr, nFft);
        double[] melF = Frequencies.melFrequencies(nMels + 2, p.fmin(), p.fmaxFor(sr), p.htk());
        double[][] w = new double[nMels][fftFreqs.length];
        for (int i = 0; i < nMels; i++) {
            double lowerWidth = melF[i + 1] - melF[i];
            double upperWidth = melF[i + 2] - melF[i + 1];
            double slaney = 2.0 / (melF[i + 2] - melF[i]);
            for (int k = 0; k < fftFreqs.length; k++) {
                double lower = -(melF[i] - fftFreqs[k]) / lowerWidth;
                double upper = (melF[i + 2] - fftFreqs[k]) / upperWidth;
                double v = Math.max(0, Math.min(lower, upper));
                if (p.float32Weights()) {
                    v = (float) v;
                }
                if ("slaney".equals(p.norm())) {
                    v *= slaney;
                    if (p.float32Weights()) {
                        v = (float) v;
                    }
                }
                w[i][k] = v;
            }
            if (p.norm() != null && !"slaney".equals(p.norm())) {
                Normalize.vector(w[i], Normalize.parse(p.norm(), "norm"));
                if (p.float32Weights()) {
                    for (int k = 0; k < w[i].length; k++) {
                        w[i][k] = (float) w[i][k];
                    }
                }
            }
        }
        return w;
    }
}

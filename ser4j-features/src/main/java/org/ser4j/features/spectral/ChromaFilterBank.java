package org.ser4j.features.spectral;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Chroma filter banks, {@code librosa.filters.chroma}: each STFT bin spreads its energy over the chroma bins with
 * a Gaussian bump around its pitch class (width set by the bin spacing in chroma units), the bumps are p-normalised
 * per bin, weighted by a Gaussian over octaves (centre ctroct, half-width octwidth), rotated to start at C when
 * base_c, and rounded to float32 like librosa's default dtype.
 */
public final class ChromaFilterBank {
    private static final int CACHE_LIMIT = 256;
    private static final ConcurrentHashMap<Key, FilterBank> CACHE = new ConcurrentHashMap<>();

    private record Key(double sr, int nFft, double tuning, ChromaParams params) {
    }

    private ChromaFilterBank() {
    }

    /** The (n_chroma x (1 + n_fft/2)) bank for a given tuning; built once per parameter set and shared. */
    public static FilterBank of(double sr, int nFft, double tuning, ChromaParams p) {
        Key key = new Key(sr, nFft, tuning, p.withTuning(0.0));
        FilterBank fb = CACHE.get(key);
        if (fb == null) {
            fb = new FilterBank(weights(sr, nFft, tuning, p));
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.putIfAbsent(key, fb);
            }
        }
        return fb;
    }

    /** The dense weight matrix, exactly {@code librosa.filters.chroma(sr=sr, n_fft=n_fft, tuning=tuning, ...)}. */
    public static double[][] weights(double sr, int nFft, double tuning, ChromaParams p) {
        int nChroma = p.nChroma();
        // pitch of every FFT bin in chroma units (bins 1 .. n_fft-1; bin 0 is made up below)
        double[] frqbins = new double[nFft];
        double step = sr / nFft;
        for (int k = 1; k < nFft; k++) {
            frqbins[k] = nChroma * Frequencies.hzToOcts(k * step, tuning, nChroma);
        }
        // the 0 Hz bin: 1.5 octaves below bin 1, so it is 50% rotated and broad
        frqbins[0] = frqbins[1] - 1.5 * nChroma;
        double[] binwidth = new double[nFft];
        for (int k = 0; k < nFft - 1; k++) {
            binwidth[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
        }
        binwidth[nFft - 1] = 1;
        double half = Math.rint(nChroma / 2.0);
        int nBins = nFft / 2 + 1;
        double[][] w = new double[nChroma][nFft];
        for (int c = 0; c < nChroma; c++) {
            for (int k = 0; k < nFft; k++) {
                // distance in chroma bins, wrapped into [-n_chroma/2, n_chroma/2)
                double d = pyMod(frqbins[k] - c + half + 10 * nChroma, nChroma) - half;
                double z = 2 * d / binwidth[k];
                w[c][k] = Math.exp(-0.5 * z * z);
            }
        }
        // normalise each column (one FFT bin across chroma)
        double[] col = new double[nChroma];
        for (int k = 0; k < nFft; k++) {
            for (int c = 0; c < nChroma; c++) {
                col[c] = w[c][k];
            }
            Normalize.vector(col, p.filterNorm());
            for (int c = 0; c < nChroma; c++) {
                w[c][k] = col[c];
            }
        }
        if (p.octwidth() != null) {
            for (int k = 0; k < nFft; k++) {
                double z = (frqbins[k] / nChroma - p.ctroct()) / p.octwidth();
                double octWeight = Math.exp(-0.5 * z * z);
                for (int c = 0; c < nChroma; c++) {
                    w[c][k] *= octWeight;
                }
            }
        }
        int roll = p.baseC() ? 3 * (nChroma / 12) : 0;
        double[][] out = new double[nChroma][nBins];
        for (int c = 0; c < nChroma; c++) {
            double[] src = w[Math.floorMod(c + roll, nChroma)];
            for (int k = 0; k < nBins; k++) {
                out[c][k] = p.float32Weights() ? (float) src[k] : src[k];
            }
        }
        return out;
    }

    /** numpy's remainder: the result takes the divisor's sign. */
    private static double pyMod(double a, double b) {
        double m = a % b;
        return m != 0 && (m < 0) != (b < 0) ? m + b : m;
    }
}

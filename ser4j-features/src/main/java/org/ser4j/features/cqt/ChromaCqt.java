package org.ser4j.features.cqt;

import org.ser4j.audio.Signal;
import org.ser4j.features.spectral.Frequencies;
import org.ser4j.features.spectral.Normalize;
import org.ser4j.features.spectral.Tonnetz;

/**
 * Constant-Q chromagram, {@code librosa.feature.chroma_cqt}, and librosa's default tonnetz, which is computed from
 * it ({@code librosa.feature.tonnetz(y=y, sr=sr)}). Stateless and thread-safe.
 */
public final class ChromaCqt {
    private ChromaCqt() {
    }

    /** (n_chroma x n_frames) chroma of a signal at its own sample rate. */
    public static double[][] chromaCqt(Signal signal, ChromaCqtParams p) {
        return chromaCqt(signal.toDoubles(), signal.sampleRate(), p);
    }

    /** (n_chroma x n_frames) chroma: |CQT| folded onto pitch classes, thresholded, normalised per frame. */
    public static double[][] chromaCqt(double[] y, double sr, ChromaCqtParams p) {
        double[][] c = Cqt.magnitude(y, sr, p.cqtParams());
        return fromCqt(c, p);
    }

    /** Chroma from an existing |CQT| (librosa's {@code chroma_cqt(C=C, ...)}); C is not modified. */
    public static double[][] fromCqt(double[][] cqtMagnitude, ChromaCqtParams p) {
        int nInput = cqtMagnitude.length;
        int nFrames = nInput == 0 ? 0 : cqtMagnitude[0].length;
        int[] chromaOfBin = cqToChroma(nInput, p.binsPerOctave(), p.nChroma(),
                p.fmin() != null ? p.fmin() : CqtParams.C1_HZ);
        double[][] chroma = new double[p.nChroma()][nFrames];
        for (int f = 0; f < nInput; f++) {
            double[] dst = chroma[chromaOfBin[f]];
            double[] src = cqtMagnitude[f];
            for (int t = 0; t < nFrames; t++) {
                dst[t] += src[t];
            }
        }
        for (double[] row : chroma) {
            for (int t = 0; t < nFrames; t++) {
                if (row[t] < p.threshold()) {
                    row[t] = 0.0;
                }
            }
        }
        Normalize.columns(chroma, p.norm());
        return chroma;
    }

    /**
     * librosa's default tonnetz: the 6 tonal centroids of the default chroma_cqt (tuning estimated).
     */
    public static double[][] tonnetz(double[] y, double sr) {
        return Tonnetz.tonnetz(chromaCqt(y, sr, ChromaCqtParams.defaults()));
    }

    /** The default tonnetz of a signal at its own sample rate. */
    public static double[][] tonnetz(Signal signal) {
        return tonnetz(signal.toDoubles(), signal.sampleRate());
    }

    /**
     * {@code filters.cq_to_chroma(n_input, bins_per_octave, n_chroma, fmin)} as a map from CQT bin to its chroma
     * (each bin belongs to exactly one chroma; the matrix is 0/1): the bins_per_octave / n_chroma bins centred on
     * each chroma merge into it, rotated so that chroma 0 is C.
     */
    static int[] cqToChroma(int nInput, int binsPerOctave, int nChroma, double fmin) {
        int nMerge = binsPerOctave / nChroma;
        // midi number of fmin modulo 12, rounded to the chroma grid (librosa: round(midi_0 * n_chroma / 12))
        double midi = 12 * (Frequencies.log2(fmin) - Frequencies.log2(440.0)) + 69;
        double midi0 = midi - 12 * Math.floor(midi / 12);
        int roll = (int) Math.rint(midi0 * (nChroma / 12.0));
        int[] map = new int[nInput];
        for (int f = 0; f < nInput; f++) {
            // np.repeat(eye) then np.roll(-(n_merge // 2)) along the bins, tiled per octave
            int withinOctave = Math.floorMod(f % binsPerOctave + nMerge / 2, binsPerOctave);
            int chroma = withinOctave / nMerge;
            map[f] = Math.floorMod(chroma + roll, nChroma);
        }
        return map;
    }
}

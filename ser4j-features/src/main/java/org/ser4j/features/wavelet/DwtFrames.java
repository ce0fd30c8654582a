package org.ser4j.features.wavelet;

import org.ser4j.dsp.Frames;
import org.ser4j.dsp.Stft;

/**
 * The frame feature {@code dwt}: per frame, the log energy of each level of the frame's wavelet decomposition.
 * Frames are those of {@code rms} ({@link Frames}: frame {@code t} covers samples {@code [t*hop, t*hop +
 * frame_length)} of the signal, centre-padded by default; no window). Each frame is decomposed with
 * {@code pywt.wavedec(frame, wavelet, mode='symmetric', level)} and each level's coefficients {@code c} give
 * {@code ln(max(mean(c^2), 1e-10))} (the floor keeps silence finite: {@code ln(1e-10) = -23.03}).
 *
 * <p>Output: {@code (level + 1) x frames}, rows in PyWavelets' order {@code a<level>, d<level>, ..., d1}.
 * Defaults in {@link DwtParams#DEFAULT}. A clip shorter than one frame is centre-padded like the other frame
 * features (uncentred, it is refused).
 */
public final class DwtFrames {
    /** Energy floor before the logarithm. */
    public static final double ENERGY_FLOOR = 1e-10;

    private DwtFrames() {
    }

    /** The (level + 1) x frames log energies of {@code y}. */
    public static double[][] logEnergies(double[] y, DwtParams p) {
        int nFrames = Frames.count(y.length, p.frameLength(), p.hopLength(), p.center());
        double[] x = p.center() ? Stft.pad(y, p.frameLength() / 2, p.padMode()) : y;
        Dwt.Decomposer decomposer = new Dwt.Decomposer(p.frameLength(), p.wavelet(), p.level());
        double[][] out = new double[p.level() + 1][nFrames];
        for (int t = 0; t < nFrames; t++) {
            double[][] coeffs = decomposer.decompose(x, t * p.hopLength());
            for (int k = 0; k < coeffs.length; k++) {
                out[k][t] = Math.log(Math.max(WaveletStatistics.energy(coeffs[k]), ENERGY_FLOOR));
            }
        }
        return out;
    }
}

package org.ser4j.features.spectral;

/**
 * Frequency grids and scale conversions as librosa computes them ({@code librosa.fft_frequencies},
 * {@code hz_to_mel}, {@code mel_to_hz}, {@code mel_frequencies}, {@code hz_to_octs}). The arithmetic follows
 * numpy's order of operations so that filter banks built from these grids match librosa's to the last bits.
 */
public final class Frequencies {
    /** Slaney mel scale: linear (200/3 Hz per mel) below 1 kHz, logarithmic above. */
    private static final double SLANEY_F_SP = 200.0 / 3;
    private static final double SLANEY_MIN_LOG_HZ = 1000.0;
    private static final double SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;

    private Frequencies() {
    }

    /**
     * Centre frequency of each STFT bin, {@code librosa.fft_frequencies(sr, n_fft)} (= {@code np.fft.rfftfreq}):
     * {@code k * (1 / (n_fft * (1 / sr)))} for k = 0 .. n_fft/2.
     */
    public static double[] fftFrequencies(double sr, int nFft) {
        double step = 1.0 / (nFft * (1.0 / sr));
        double[] f = new double[nFft / 2 + 1];
        for (int k = 0; k < f.length; k++) {
            f[k] = k * step;
        }
        return f;
    }

    /** Hz to mel, {@code librosa.hz_to_mel(f, htk)}: HTK {@code 2595 log10(1 + f/700)} or Slaney (the default). */
    public static double hzToMel(double hz, boolean htk) {
        if (htk) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }
        if (hz >= SLANEY_MIN_LOG_HZ) {
            return SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
        }
        return hz / SLANEY_F_SP;
    }

    /** Mel to Hz, the inverse of {@link #hzToMel}. */
    public static double melToHz(double mel, boolean htk) {
        if (htk) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
        if (mel >= SLANEY_MIN_LOG_MEL) {
            return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
        }
        return SLANEY_F_SP * mel;
    }

    /** {@code n} frequencies evenly spaced on the mel scale from fmin to fmax, {@code librosa.mel_frequencies}. */
    public static double[] melFrequencies(int n, double fmin, double fmax, boolean htk) {
        double[] mels = linspace(hzToMel(fmin, htk), hzToMel(fmax, htk), n);
        for (int i = 0; i < n; i++) {
            mels[i] = melToHz(mels[i], htk);
        }
        return mels;
    }

    /**
     * Hz to octaves above C0-ish reference {@code A440 / 16}, {@code librosa.hz_to_octs(f, tuning, bins_per_octave)}
     * with {@code A440 = 440 * 2^(tuning / bins_per_octave)}.
     */
    public static double hzToOcts(double hz, double tuning, int binsPerOctave) {
        double a440 = 440.0 * Math.pow(2.0, tuning / binsPerOctave);
        return log2(hz / (a440 / 16));
    }

    /** {@code np.linspace(start, stop, num)} with numpy's arithmetic: {@code i * step + start}, last = stop. */
    public static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        if (num == 1) {
            y[0] = start;
            return y;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** {@code np.linspace(start, stop, num, endpoint=False)}: {@code i * ((stop - start) / num) + start}. */
    public static double[] linspaceOpen(double start, double stop, int num) {
        double step = (stop - start) / num;
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        return y;
    }

    /** Base-2 logarithm. */
    public static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }
}

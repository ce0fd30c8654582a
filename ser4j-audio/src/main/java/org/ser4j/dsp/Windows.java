package org.ser4j.dsp;

import java.util.Locale;

/**
 * Analysis windows as {@code scipy.signal.get_window(name, n, fftbins=True)} builds them, i.e. the
 * periodic ("DFT-even") form that librosa uses for STFTs.
 */
public final class Windows {
    private Windows() {
    }

    /** A periodic window by scipy name: hann, hamming, blackman, boxcar/ones/rect. */
    public static double[] get(String name, int n) {
        double[] w = new double[n];
        switch (name.toLowerCase(Locale.ROOT)) {
            case "hann", "hanning" -> {
                for (int i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            }
            case "hamming" -> {
                for (int i = 0; i < n; i++) w[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / n);
            }
            case "blackman" -> {
                for (int i = 0; i < n; i++) {
                    w[i] = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / n) + 0.08 * Math.cos(4 * Math.PI * i / n);
                }
            }
            case "boxcar", "ones", "rect", "rectangular" -> java.util.Arrays.fill(w, 1.0);
            default -> throw new IllegalArgumentException("unknown window '" + name
                    + "' (known: hann, hamming, blackman, boxcar)");
        }
        return w;
    }

    /**
     * The window of {@code winLength} centred in {@code nFft} zeros, as librosa's
     * {@code util.pad_center(get_window(window, win_length), size=n_fft)}.
     */
    public static double[] padded(String name, int winLength, int nFft) {
        if (winLength > nFft) {
            throw new IllegalArgumentException("win_length " + winLength + " > n_fft " + nFft);
        }
        double[] w = get(name, winLength);
        double[] out = new double[nFft];
        System.arraycopy(w, 0, out, (nFft - winLength) / 2, winLength);
        return out;
    }
}

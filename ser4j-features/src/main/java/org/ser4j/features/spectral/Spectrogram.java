package org.ser4j.features.spectral;

import org.ser4j.audio.Signal;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.Params;

/**
 * One STFT of a signal, computed once and shared by every feature derived from it: the power spectrogram
 * |STFT|^2 and, on first use, the magnitude |STFT|. Arrays are (1 + n_fft/2 bins) x frames, librosa's orientation;
 * callers must not modify them. Confine an instance to one thread (make one per signal).
 */
public final class Spectrogram {
    private final double[][] power;
    private final int sampleRate;
    private final StftParams stft;
    private double[][] magnitude;

    private Spectrogram(double[][] power, int sampleRate, StftParams stft) {
        this.power = power;
        this.sampleRate = sampleRate;
        this.stft = stft;
    }

    /** The spectrogram of a signal with {@link Stft} (librosa-compatible framing, window and padding). */
    public static Spectrogram of(Signal signal, StftParams p) {
        return of(signal.toDoubles(), signal.sampleRate(), p);
    }

    /** The spectrogram of samples at a sample rate. */
    public static Spectrogram of(double[] y, int sampleRate, StftParams p) {
        if (!p.center() && y.length < p.nFft()) {
            throw new IllegalArgumentException("signal of " + y.length + " samples is shorter than n_fft="
                    + p.nFft() + " with center=False");
        }
        return new Spectrogram(Stft.powerSpectrogram(y, p), sampleRate, p);
    }

    /** |STFT|^2, (bins x frames). */
    public double[][] power() {
        return power;
    }

    /** |STFT|, (bins x frames), computed on first use. */
    public double[][] magnitude() {
        if (magnitude == null) {
            double[][] m = new double[power.length][];
            for (int k = 0; k < power.length; k++) {
                double[] row = power[k];
                double[] out = new double[row.length];
                for (int t = 0; t < row.length; t++) {
                    out[t] = Math.sqrt(row[t]);
                }
                m[k] = out;
            }
            magnitude = m;
        }
        return magnitude;
    }

    /** |STFT|^p for p = 1 or 2 without copying; other exponents are computed. */
    public double[][] withPower(double p) {
        if (p == 2.0) {
            return power;
        }
        if (p == 1.0) {
            return magnitude();
        }
        if (!(p > 0)) {
            throw new IllegalArgumentException("power must be > 0, got " + p);
        }
        double[][] mag = magnitude();
        double[][] out = new double[mag.length][];
        for (int k = 0; k < mag.length; k++) {
            out[k] = new double[mag[k].length];
            for (int t = 0; t < mag[k].length; t++) {
                out[k][t] = Math.pow(mag[k][t], p);
            }
        }
        return out;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public StftParams stftParams() {
        return stft;
    }

    public int nFft() {
        return stft.nFft();
    }

    public int nFrames() {
        return power.length == 0 ? 0 : power[0].length;
    }

    /**
     * Reads librosa's STFT arguments from {@code p}: n_fft (2048), hop_length (None = n_fft // 4), win_length
     * (None = n_fft), window ('hann'), center (True), pad_mode ('constant').
     */
    public static StftParams stftParams(Params p) {
        int nFft = p.getInt("n_fft", 2048);
        if (nFft <= 0) {
            throw new IllegalArgumentException("n_fft must be > 0, got " + nFft);
        }
        Integer hop = p.getIntOrNull("hop_length", null);
        Integer win = p.getIntOrNull("win_length", null);
        String window = p.getString("window", "hann").replace("'", "");
        boolean center = p.getBool("center", true);
        String padMode = p.getString("pad_mode", "constant").replace("'", "");
        return new StftParams(nFft, hop == null ? nFft / 4 : hop, win == null ? nFft : win, window, center, padMode);
    }
}

package org.ser4j.dsp;

/**
 * librosa-compatible short-time Fourier transform. Outputs are (bins x frames), librosa's orientation.
 * Padding for {@code center=true} follows {@code pad_mode}; librosa &ge; 0.10 defaults to zeros.
 */
public final class Stft {
    private Stft() {
    }

    /** |STFT|^power as (1 + n_fft/2) x n_frames; power 1 = magnitude, 2 = power spectrum. */
    public static double[][] spectrogram(double[] y, StftParams p, double power) {
        double[][] pow = powerSpectrogram(y, p);
        if (power == 2.0) {
            return pow;
        }
        double half = power / 2.0;
        for (double[] row : pow) {
            for (int t = 0; t < row.length; t++) {
                row[t] = power == 1.0 ? Math.sqrt(row[t]) : Math.pow(row[t], half);
            }
        }
        return pow;
    }

    /** |STFT| (magnitude). */
    public static double[][] magnitude(double[] y, StftParams p) {
        return spectrogram(y, p, 1.0);
    }

    /** |STFT|^2 (power). */
    public static double[][] powerSpectrogram(double[] y, StftParams p) {
        double[] x = p.center() ? pad(y, p.nFft() / 2, p.padMode()) : y;
        int nFrames = p.nFrames(y.length);
        int nBins = p.nBins();
        double[][] out = new double[nBins][nFrames];
        double[] window = Windows.padded(p.window(), p.winLength(), p.nFft());
        double[] buf = new double[p.nFft()];
        double[] col = new double[nBins];
        for (int t = 0; t < nFrames; t++) {
            int start = t * p.hopLength();
            for (int i = 0; i < buf.length; i++) {
                buf[i] = x[start + i] * window[i];
            }
            Fft.realForward(buf);
            Fft.powerFromPacked(buf, col);
            for (int k = 0; k < nBins; k++) {
                out[k][t] = col[k];
            }
        }
        return out;
    }

    /** A complex spectrogram as (1 + n_fft/2) x n_frames real and imaginary parts (librosa's orientation). */
    public record Complex(double[][] re, double[][] im) {
        public int nBins() {
            return re.length;
        }

        public int nFrames() {
            return re.length == 0 ? 0 : re[0].length;
        }
    }

    /** The complex STFT, {@code librosa.stft(y, n_fft, hop_length, win_length, window, center, pad_mode)}. */
    public static Complex complex(double[] y, StftParams p) {
        double[] x = p.center() ? pad(y, p.nFft() / 2, p.padMode()) : y;
        int nFrames = p.nFrames(y.length);
        int nBins = p.nBins();
        int half = p.nFft() / 2;
        double[][] re = new double[nBins][nFrames];
        double[][] im = new double[nBins][nFrames];
        double[] window = Windows.padded(p.window(), p.winLength(), p.nFft());
        double[] buf = new double[p.nFft()];
        for (int t = 0; t < nFrames; t++) {
            int start = t * p.hopLength();
            for (int i = 0; i < buf.length; i++) {
                buf[i] = x[start + i] * window[i];
            }
            Fft.realForward(buf);
            re[0][t] = buf[0];
            re[half][t] = buf[1];
            for (int k = 1; k < half; k++) {
                re[k][t] = buf[2 * k];
                im[k][t] = buf[2 * k + 1];
            }
        }
        return new Complex(re, im);
    }

    /**
     * Inverse STFT by weighted overlap-add, as {@code librosa.istft(stft_matrix, hop_length, win_length, n_fft,
     * window, center, length)}: each frame's inverse FFT times the synthesis window, summed, divided by the sum
     * of squared windows where that sum is not tiny; with {@code center} the first n_fft/2 samples are dropped.
     * {@code istft(complex(y, p), p, y.length)} reconstructs y (to ~1e-15 for hann windows with hop &le; n_fft/2).
     *
     * @param length output length (librosa's {@code length}); the signal is cut or zero-padded to it
     */
    public static double[] istft(Complex s, StftParams p, int length) {
        int nFft = p.nFft();
        int half = nFft / 2;
        int hop = p.hopLength();
        int nFrames = s.nFrames();
        if (s.nBins() != p.nBins()) {
            throw new IllegalArgumentException("spectrogram has " + s.nBins() + " bins, n_fft=" + nFft + " needs "
                    + p.nBins());
        }
        double[] window = Windows.padded(p.window(), p.winLength(), nFft);
        int full = nFft + hop * Math.max(0, nFrames - 1);
        double[] out = new double[full];
        double[] norm = new double[full];
        double[] buf = new double[nFft];
        for (int t = 0; t < nFrames; t++) {
            buf[0] = s.re()[0][t];
            buf[1] = s.re()[half][t];
            for (int k = 1; k < half; k++) {
                buf[2 * k] = s.re()[k][t];
                buf[2 * k + 1] = s.im()[k][t];
            }
            Fft.plan(nFft).realInverse(buf, true);
            int start = t * hop;
            for (int i = 0; i < nFft; i++) {
                out[start + i] += buf[i] * window[i];
                norm[start + i] += window[i] * window[i];
            }
        }
        double tiny = Double.MIN_NORMAL; // librosa: util.tiny(ifft_window_sum)
        for (int i = 0; i < full; i++) {
            if (norm[i] > tiny) {
                out[i] /= norm[i];
            }
        }
        int offset = p.center() ? half : 0;
        double[] y = new double[length];
        System.arraycopy(out, Math.min(offset, full), y, 0, Math.max(0, Math.min(length, full - offset)));
        return y;
    }

    /** numpy.pad(y, (n, n), mode) for mode constant (zeros), reflect or edge. */
    public static double[] pad(double[] y, int n, String mode) {
        double[] out = new double[y.length + 2 * n];
        System.arraycopy(y, 0, out, n, y.length);
        switch (mode) {
            case "constant" -> {
            }
            case "edge" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = y.length > 0 ? y[0] : 0;
                    out[n + y.length + i] = y.length > 0 ? y[y.length - 1] : 0;
                }
            }
            case "reflect" -> {
                for (int i = 0; i < n; i++) {
                    out[n - 1 - i] = y[reflectIndex(i + 1, y.length)];
                    out[n + y.length + i] = y[reflectIndex(y.length - 2 - i, y.length)];
                }
            }
            default -> throw new IllegalArgumentException("unknown pad_mode '" + mode
                    + "' (known: constant, edge, reflect)");
        }
        return out;
    }

    private static int reflectIndex(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}

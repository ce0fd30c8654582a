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

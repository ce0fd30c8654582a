package org.ser4j.audio.effects;

import java.util.Arrays;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;

/**
 * Stationary noise reduction by spectral gating (the method of the {@code noisereduce} package, stationary mode):
 * <ol>
 *   <li>STFT of the signal;</li>
 *   <li>noise profile from the quietest frames ({@code noiseQuantile} of frames by energy): per frequency bin,
 *       mean and standard deviation of the magnitude in dB;</li>
 *   <li>per-bin threshold {@code mean + nStdThresh * std}; bins above it are signal (mask 1), the rest noise
 *       (mask 0);</li>
 *   <li>the mask is smoothed over {@code +-freqSmoothBins} bins and {@code +-timeSmoothFrames} frames (a box
 *       filter, so the mask becomes soft and musical noise is reduced);</li>
 *   <li>each bin is scaled by {@code 1 - propDecrease * (1 - mask)} and the signal rebuilt by inverse STFT.</li>
 * </ol>
 * It assumes stationary noise and some stretch of non-speech in the input (pauses, lead-in). Pure, thread-safe.
 *
 * @param nFft             FFT size (default 512 at 16 kHz: 32 ms)
 * @param hopLength        hop (default nFft/4)
 * @param noiseQuantile    fraction of the quietest frames that form the noise profile (default 0.1)
 * @param nStdThresh       threshold in standard deviations above the noise mean (default 1.5)
 * @param freqSmoothBins   mask smoothing half-width in bins (default 2)
 * @param timeSmoothFrames mask smoothing half-width in frames (default 3)
 * @param propDecrease     how far noise bins are attenuated, 1 = fully (default 1.0)
 */
public record SpectralGate(int nFft, int hopLength, double noiseQuantile, double nStdThresh, int freqSmoothBins,
                           int timeSmoothFrames, double propDecrease) {

    public SpectralGate {
        if (nFft < 16 || hopLength <= 0 || hopLength > nFft || noiseQuantile <= 0 || noiseQuantile > 1
                || propDecrease < 0 || propDecrease > 1 || freqSmoothBins < 0 || timeSmoothFrames < 0) {
            throw new IllegalArgumentException("bad spectral gate parameters: " + this);
        }
    }

    /** Defaults for a sample rate: n_fft the power of two nearest 32 ms, hop n_fft/4. */
    public static SpectralGate defaults(int sampleRate) {
        int nFft = Integer.highestOneBit(Math.max(16, (int) Math.round(0.032 * sampleRate * 1.414)));
        return new SpectralGate(nFft, nFft / 4, 0.1, 1.5, 2, 3, 1.0);
    }

    /** Denoises a signal with {@link #defaults(int)}. */
    public static Signal reduce(Signal s) {
        return Signal.ofDoubles(defaults(s.sampleRate()).apply(s.toDoubles()), s.sampleRate(), s.source());
    }

    /** The denoised signal (same length). */
    public double[] apply(double[] y) {
        StftParams p = new StftParams(nFft, hopLength, nFft, "hann", true, "constant");
        Stft.Complex s = Stft.complex(y, p);
        int bins = s.nBins();
        int frames = s.nFrames();
        if (frames == 0) {
            return y.clone();
        }
        double[][] db = new double[bins][frames];
        double[] energy = new double[frames];
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                double pow = s.re()[k][t] * s.re()[k][t] + s.im()[k][t] * s.im()[k][t];
                db[k][t] = 10 * Math.log10(Math.max(pow, 1e-20));
                energy[t] += pow;
            }
        }
        int[] quiet = quietestFrames(energy, Math.max(1, (int) Math.ceil(noiseQuantile * frames)));
        double[][] mask = new double[bins][frames];
        for (int k = 0; k < bins; k++) {
            double mean = 0;
            for (int t : quiet) {
                mean += db[k][t];
            }
            mean /= quiet.length;
            double var = 0;
            for (int t : quiet) {
                var += (db[k][t] - mean) * (db[k][t] - mean);
            }
            double threshold = mean + nStdThresh * Math.sqrt(var / quiet.length);
            for (int t = 0; t < frames; t++) {
                mask[k][t] = db[k][t] > threshold ? 1 : 0;
            }
        }
        double[][] smooth = boxSmooth(mask, freqSmoothBins, timeSmoothFrames);
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                double gain = 1 - propDecrease * (1 - smooth[k][t]);
                s.re()[k][t] *= gain;
                s.im()[k][t] *= gain;
            }
        }
        return Stft.istft(s, p, y.length);
    }

    private static int[] quietestFrames(double[] energy, int count) {
        Integer[] idx = new Integer[energy.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(energy[a], energy[b]));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** Mean over a (2f+1) x (2t+1) box, truncated at the edges; separable, via running sums. */
    private static double[][] boxSmooth(double[][] m, int f, int t) {
        int bins = m.length;
        int frames = m[0].length;
        double[][] a = new double[bins][frames];
        for (int k = 0; k < bins; k++) {
            int lo = Math.max(0, k - f);
            int hi = Math.min(bins - 1, k + f);
            for (int j = 0; j < frames; j++) {
                double sum = 0;
                for (int q = lo; q <= hi; q++) {
                    sum += m[q][j];
                }
                a[k][j] = sum / (hi - lo + 1);
            }
        }
        double[][] b = new double[bins][frames];
        for (int k = 0; k < bins; k++) {
            double[] row = a[k];
            double[] prefix = new double[frames + 1];
            for (int j = 0; j < frames; j++) {
                prefix[j + 1] = prefix[j] + row[j];
            }
            for (int j = 0; j < frames; j++) {
                int lo = Math.max(0, j - t);
                int hi = Math.min(frames - 1, j + t);
                b[k][j] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
            }
        }
        return b;
    }
}

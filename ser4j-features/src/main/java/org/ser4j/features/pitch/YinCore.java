package org.ser4j.features.pitch;

import org.jtransforms.fft.DoubleFFT_1D;
import org.ser4j.dsp.Fft;
import org.ser4j.dsp.Stft;

/**
 * The part YIN and pYIN share (librosa 0.11 {@code core/pitch.py}): centred framing, the cumulative mean
 * normalised difference function (CMND) over the whole frame, parabolic trough refinement and trough detection.
 * One instance serves one call on one thread (it owns scratch buffers).
 */
final class YinCore {
    /** numpy's {@code finfo(float64).tiny}, the guard librosa adds to denominators and log arguments. */
    static final double TINY = Double.MIN_NORMAL;

    final int frameLength;
    final int hopLength;
    final int minPeriod;
    final int maxPeriod;
    /** Number of candidate periods, max_period - min_period + 1 (rows of librosa's yin_frames). */
    final int nPeriods;
    final int nFrames;

    private final double[] padded;
    private final DoubleFFT_1D fft;
    private final double[] fftBuf;
    private final double[] diff;

    YinCore(double[] y, double sr, double fmin, double fmax, int frameLength, int hopLength, boolean center,
            String padMode) {
        PitchChecks.requireRange(fmin, fmax, sr);
        this.frameLength = frameLength;
        this.hopLength = hopLength;
        this.padded = center ? Stft.pad(y, frameLength / 2, padMode) : y;
        if (padded.length < frameLength) {
            throw new IllegalArgumentException("input is too short (n=" + padded.length + ") for frame_length="
                    + frameLength);
        }
        this.nFrames = 1 + (padded.length - frameLength) / hopLength;
        this.minPeriod = (int) Math.floor(sr / fmax);
        this.maxPeriod = (int) Math.min(Math.ceil(sr / fmin), frameLength - 1);
        if (maxPeriod - minPeriod < 1) {
            throw new IllegalArgumentException("period range [" + minPeriod + ", " + maxPeriod
                    + "] from fmin/fmax is empty for frame_length=" + frameLength + " at sr=" + sr);
        }
        this.nPeriods = maxPeriod - minPeriod + 1;
        // Zero padding to at least frame_length + max_period makes the circular correlation linear for every lag used.
        int n = Integer.highestOneBit(frameLength + maxPeriod);
        int fftLength = n == frameLength + maxPeriod ? n : 2 * n;
        this.fft = Fft.plan(fftLength);
        this.fftBuf = new double[fftLength];
        this.diff = new double[maxPeriod + 1];
    }

    /**
     * The CMND of frame {@code t} for periods min_period..max_period into {@code out}. Difference function as
     * librosa 0.11 writes it: d(0) = 0, d(k) = 2 (r(0) - r(k)) - e(k - 1) with r the autocorrelation of the whole
     * frame and e(i) = y(0)^2 + ... + y(i)^2 for i &ge; 1, e(0) = 0; then d(k) / (mean of d(1..k) + tiny).
     */
    void cmnd(int t, double[] out) {
        int start = t * hopLength;
        double[] buf = fftBuf;
        System.arraycopy(padded, start, buf, 0, frameLength);
        java.util.Arrays.fill(buf, frameLength, buf.length, 0.0);
        // Autocorrelation = inverse FFT of the power spectrum (JTransforms' packed real layout).
        fft.realForward(buf);
        buf[0] = buf[0] * buf[0];
        buf[1] = buf[1] * buf[1];
        for (int i = 2; i < buf.length; i += 2) {
            double re = buf[i];
            double im = buf[i + 1];
            buf[i] = re * re + im * im;
            buf[i + 1] = 0.0;
        }
        fft.realInverse(buf, true);
        double acf0 = buf[0];
        diff[0] = 0.0;
        double energy = 0.0; // numpy's cumsum of y^2: y(0)^2 + ... + y(k-1)^2
        for (int k = 1; k <= maxPeriod; k++) {
            double s = padded[start + k - 1];
            energy += s * s;
            // librosa zeroes the first cumulative-energy row before using it, hence e(0) = 0.
            diff[k] = 2 * (acf0 - buf[k]) - (k == 1 ? 0.0 : energy);
        }
        double running = 0.0;
        for (int k = 1; k <= maxPeriod; k++) {
            running += diff[k];
            if (k >= minPeriod) {
                double cumulativeMean = running / k;
                out[k - minPeriod] = diff[k] / (cumulativeMean + TINY);
            }
        }
    }

    /**
     * Sub-sample offsets of parabolas through each point and its neighbours (librosa's _parabolic_interpolation):
     * -b / a with a = f[i+1] + f[i-1] - 2 f[i], b = (f[i+1] - f[i-1]) / 2; 0 where |b| &ge; |a| and at both ends.
     */
    static void parabolicShifts(double[] f, int n, double[] shifts) {
        shifts[0] = 0.0;
        shifts[n - 1] = 0.0;
        for (int i = 1; i < n - 1; i++) {
            double a = f[i + 1] + f[i - 1] - 2 * f[i];
            double b = (f[i + 1] - f[i - 1]) / 2;
            shifts[i] = Math.abs(b) >= Math.abs(a) ? 0.0 : -b / a;
        }
    }

    /** The parabolic shift at one index (same formula as {@link #parabolicShifts}). */
    static double parabolicShift(double[] f, int n, int i) {
        if (i == 0 || i == n - 1) {
            return 0.0;
        }
        double a = f[i + 1] + f[i - 1] - 2 * f[i];
        double b = (f[i + 1] - f[i - 1]) / 2;
        return Math.abs(b) >= Math.abs(a) ? 0.0 : -b / a;
    }

    /**
     * Trough test as librosa: {@code util.localmin} (f[i] &lt; f[i-1] and f[i] &le; f[i+1]; the last point only
     * needs f[n-1] &lt; f[n-2]) with the first point overridden to f[0] &lt; f[1].
     */
    static boolean isTrough(double[] f, int n, int i) {
        if (i == 0) {
            return f[0] < f[1];
        }
        if (i == n - 1) {
            return f[i] < f[i - 1];
        }
        return f[i] < f[i - 1] && f[i] <= f[i + 1];
    }
}

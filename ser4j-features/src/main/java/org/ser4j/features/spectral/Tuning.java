package org.ser4j.features.spectral;

import java.util.Arrays;

/**
 * Tuning estimation as {@code librosa.estimate_tuning(S=S, sr=sr, resolution=0.01, bins_per_octave=12)} does it:
 * pick spectral peaks with {@code piptrack} (parabolic interpolation; 150-4000 Hz; above 0.1 x the frame's maximum;
 * local maxima), keep those whose interpolated height reaches the median height, and return the most common
 * deviation of their pitch from the equal-tempered grid (A440), histogrammed at {@code resolution}.
 */
public final class Tuning {
    /** piptrack defaults used by estimate_tuning. */
    public static final double PIPTRACK_FMIN = 150.0;
    public static final double PIPTRACK_FMAX = 4000.0;
    public static final double PIPTRACK_THRESHOLD = 0.1;

    private Tuning() {
    }

    /** estimate_tuning with librosa's defaults: resolution 0.01 (cents), 12 bins per octave. */
    public static double estimateTuning(double[][] s, double sr, int nFft) {
        return estimateTuning(s, sr, nFft, 0.01, 12);
    }

    /**
     * The tuning offset, in fractions of a bin in [-0.5, 0.5), of a (bins x frames) magnitude or power spectrogram.
     *
     * @param s              spectrogram (librosa's S; chroma_stft passes its power spectrogram)
     * @param resolution     histogram resolution in fractions of a bin (resolution)
     * @param binsPerOctave  bins per octave of the grid (bins_per_octave)
     */
    public static double estimateTuning(double[][] s, double sr, int nFft, double resolution, int binsPerOctave) {
        double[][] peaks = piptrackPeaks(s, sr, nFft, PIPTRACK_FMIN, PIPTRACK_FMAX, PIPTRACK_THRESHOLD);
        double[] pitch = peaks[0];
        double[] mag = peaks[1];
        // librosa: threshold = median of the magnitudes where pitch > 0; keep mag >= threshold
        int nPositive = 0;
        for (double f : pitch) {
            if (f > 0) {
                nPositive++;
            }
        }
        double threshold = 0.0;
        if (nPositive > 0) {
            double[] m = new double[nPositive];
            int j = 0;
            for (int i = 0; i < pitch.length; i++) {
                if (pitch[i] > 0) {
                    m[j++] = mag[i];
                }
            }
            threshold = median(m);
        }
        double[] kept = new double[pitch.length];
        int n = 0;
        for (int i = 0; i < pitch.length; i++) {
            if (pitch[i] > 0 && mag[i] >= threshold) {
                kept[n++] = pitch[i];
            }
        }
        return pitchTuning(Arrays.copyOf(kept, n), resolution, binsPerOctave);
    }

    /**
     * {@code librosa.pitch_tuning}: the histogram peak (left bin edge) of the frequencies' deviations from the
     * equal-tempered grid, in fractions of a bin; 0.0 when no frequency is positive.
     */
    public static double pitchTuning(double[] frequencies, double resolution, int binsPerOctave) {
        if (!(resolution > 0 && resolution < 1)) {
            throw new IllegalArgumentException("resolution must lie in (0, 1), got " + resolution);
        }
        int nBins = (int) Math.ceil(1.0 / resolution);
        double[] edges = Frequencies.linspace(-0.5, 0.5, nBins + 1);
        int[] counts = new int[nBins];
        for (double f : frequencies) {
            if (!(f > 0)) {
                continue;
            }
            double residual = binsPerOctave * Frequencies.hzToOcts(f, 0.0, 12) % 1.0;
            if (residual < 0) {
                residual += 1.0; // numpy's mod takes the divisor's sign
            }
            if (residual >= 0.5) {
                residual -= 1.0;
            }
            counts[histogramBin(residual, edges)]++;
        }
        int best = 0;
        for (int i = 1; i < nBins; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return edges[best];
    }

    /** numpy.histogram's bin: edges[i] &lt;= x &lt; edges[i+1], the last bin closed on the right. */
    private static int histogramBin(double x, double[] edges) {
        int n = edges.length - 1;
        int i = (int) ((x - edges[0]) / (edges[n] - edges[0]) * n);
        i = Math.max(0, Math.min(n - 1, i));
        while (i > 0 && x < edges[i]) {
            i--;
        }
        while (i < n - 1 && x >= edges[i + 1]) {
            i++;
        }
        return i;
    }

    /**
     * The peaks {@code librosa.piptrack} finds, as two parallel arrays {pitches in Hz, magnitudes}: bins within
     * [fmin, min(fmax, sr/2)) that are local maxima along frequency of S thresholded at {@code threshold} x the
     * frame's maximum, their frequency refined by parabolic interpolation and their height by the parabola's skew.
     */
    static double[][] piptrackPeaks(double[][] s, double sr, int nFft, double fmin, double fmax, double threshold) {
        int nBins = s.length;
        int nFrames = nBins == 0 ? 0 : s[0].length;
        double lo = Math.max(fmin, 0);
        double hi = Math.min(fmax, sr / 2.0);
        double[] freqs = Frequencies.fftFrequencies(sr, nFft);
        double[] refValue = new double[nFrames];
        Arrays.fill(refValue, Double.NEGATIVE_INFINITY);
        for (double[] row : s) {
            for (int t = 0; t < nFrames; t++) {
                refValue[t] = Math.max(refValue[t], Math.abs(row[t]));
            }
        }
        for (int t = 0; t < nFrames; t++) {
            refValue[t] *= threshold;
        }
        double[] pitches = new double[64];
        double[] mags = new double[64];
        int n = 0;
        for (int k = 1; k < nBins - 1; k++) {
            if (!(lo <= freqs[k] && freqs[k] < hi)) {
                continue;
            }
            double[] prev = s[k - 1];
            double[] cur = s[k];
            double[] next = s[k + 1];
            for (int t = 0; t < nFrames; t++) {
                // local maximum of S * (S > ref): x[k] > x[k-1] and x[k] >= x[k+1]
                double x = gate(cur[t], refValue[t]);
                if (!(x > gate(prev[t], refValue[t]) && x >= gate(next[t], refValue[t]))) {
                    continue;
                }
                double a = Math.abs(prev[t]);
                double b = Math.abs(cur[t]);
                double c = Math.abs(next[t]);
                double avg = 0.5 * (c - a);
                double shift = 2 * b - c - a;
                shift = avg / (shift + (Math.abs(shift) < Double.MIN_NORMAL ? 1 : 0));
                if (n == pitches.length) {
                    pitches = Arrays.copyOf(pitches, 2 * n);
                    mags = Arrays.copyOf(mags, 2 * n);
                }
                pitches[n] = (k + shift) * sr / nFft;
                mags[n] = b + 0.5 * avg * shift;
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(pitches, n), Arrays.copyOf(mags, n)};
    }

    private static double gate(double v, double ref) {
        double m = Math.abs(v);
        return m > ref ? m : 0.0;
    }

    /** numpy.median: the middle value, or the mean of the two middle values. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}

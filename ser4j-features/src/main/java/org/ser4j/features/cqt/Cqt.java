package org.ser4j.features.cqt;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Fft;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.spectral.Frequencies;
import org.ser4j.features.spectral.Tuning;

/**
 * Constant-Q transform magnitude as librosa 0.11's {@code np.abs(librosa.cqt(...))} computes it (Schörkhuber &amp;
 * Klapuri 2010, recursive sub-sampling): optional early downsampling, then octave by octave from the top: the
 * octave's sparse FFT filter basis applied to a centred STFT (window 'ones') of the current signal, after which the
 * hop and the signal are halved while the hop stays even. With {@code scale}, bin k is divided by sqrt of its
 * filter length. Output: (n_bins x n_frames), lowest frequency first. Stateless and thread-safe.
 */
public final class Cqt {
    /** librosa's {@code filters.WINDOW_BANDWIDTHS} for the windows ser4j supports. */
    private static final Map<String, Double> WINDOW_BANDWIDTHS = Map.of("hann", 1.50018310546875, "hanning",
            1.50018310546875, "hamming", 1.3629455320350348, "blackman", 1.7269681554262326, "boxcar", 1.0, "ones",
            1.0, "rect", 1.0, "rectangular", 1.0);

    private Cqt() {
    }

    /** |CQT| of a signal at its own sample rate. */
    public static double[][] magnitude(Signal signal, CqtParams p) {
        return magnitude(signal.toDoubles(), signal.sampleRate(), p);
    }

    /** |CQT| of {@code y} at sample rate {@code sr}: (n_bins x n_frames). */
    public static double[][] magnitude(double[] y, double sr, CqtParams p) {
        if (y.length == 0) {
            throw new IllegalArgumentException("cqt needs a non-empty signal");
        }
        int bpo = p.binsPerOctave();
        int nBins = p.nBins();
        int nOctaves = (int) Math.ceil((double) nBins / bpo);
        int nFilters = Math.min(bpo, nBins);
        double tuning = p.tuning() != null ? p.tuning() : estimateTuning(y, sr, bpo);
        double fmin = (p.fmin() != null ? p.fmin() : CqtParams.C1_HZ) * Math.pow(2.0, tuning / bpo);
        double[] freqs = frequencies(nBins, fmin, bpo);
        double[] alpha = nBins == 1 ? new double[] {equalTemperedBandwidth(bpo)} : relativeBandwidth(freqs);

        double windowBandwidth = windowBandwidth(p.window());
        double cutoff = 0;
        for (int k = 0; k < nBins; k++) {
            double q = p.filterScale() / alpha[k];
            cutoff = Math.max(cutoff, freqs[k] * (1 + 0.5 * windowBandwidth / q));
        }
        double nyquist = sr / 2.0;
        if (cutoff > nyquist) {
            throw new IllegalArgumentException("CQT basis with max frequency " + freqs[nBins - 1]
                    + " Hz would exceed the Nyquist frequency " + nyquist + " Hz; use fewer bins or a lower fmin");
        }

        // Early downsampling: as many halvings as the top filter's bandwidth and the hop's factors of 2 allow.
        int hop = p.hopLength();
        int count1 = Math.max(0, (int) Math.ceil(Frequencies.log2(nyquist / cutoff)) - 1 - 1);
        int count2 = Math.max(0, Integer.numberOfTrailingZeros(hop) - nOctaves + 1);
        int downsampleCount = Math.min(count1, count2);
        double[] x = y;
        if (downsampleCount > 0) {
            int factor = 1 << downsampleCount;
            hop /= factor;
            if (y.length < factor) {
                throw new IllegalArgumentException("input signal length=" + y.length + " is too short for "
                        + nOctaves + "-octave CQT");
            }
            x = OctaveResampling.downsample(y, factor, p.resType());
            if (!p.scale()) {
                double gain = Math.sqrt(factor);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= gain;
                }
            }
            sr = sr / factor;
        }

        double[][] octaves = new double[nOctaves][];
        double[][][] responses = new double[nOctaves][][];
        double mySr = sr;
        int myHop = hop;
        double[] myY = x;
        int nFrames = Integer.MAX_VALUE;
        for (int i = 0; i < nOctaves; i++) {
            int hi = nBins - nFilters * i;
            int lo = Math.max(0, nBins - nFilters * (i + 1));
            CqtBasis basis = CqtBasis.of(mySr, Arrays.copyOfRange(freqs, lo, hi), Arrays.copyOfRange(alpha, lo, hi),
                    p.filterScale(), p.norm(), p.sparsity(), p.window(), Math.sqrt(sr / mySr));
            responses[i] = response(myY, basis, myHop, p.padMode());
            octaves[i] = new double[] {lo, hi};
            nFrames = Math.min(nFrames, responses[i].length == 0 ? 0 : responses[i][0].length);
            if (myHop % 2 == 0 && i < nOctaves - 1) {
                myHop /= 2;
                mySr /= 2.0;
                myY = OctaveResampling.downsample(myY, 2, p.resType());
            }
        }

        double[] lengths = CqtBasis.lengths(sr, freqs, alpha, p.filterScale());
        double[][] out = new double[nBins][];
        for (int i = 0; i < nOctaves; i++) {
            int lo = (int) octaves[i][0];
            for (int k = 0; k < responses[i].length; k++) {
                double[] row = Arrays.copyOf(responses[i][k], nFrames);
                if (p.scale()) {
                    double s = Math.sqrt(lengths[lo + k]);
                    for (int t = 0; t < nFrames; t++) {
                        row[t] /= s;
                    }
                }
                out[lo + k] = row;
            }
        }
        return out;
    }

    /**
     * Centre frequencies of the bins, {@code librosa.interval_frequencies(n_bins, fmin=fmin, intervals='equal',
     * bins_per_octave=bpo)}: fmin * 2^octave * 2^(i / bpo).
     */
    public static double[] frequencies(int nBins, double fmin, int binsPerOctave) {
        double[] freqs = new double[nBins];
        for (int k = 0; k < nBins; k++) {
            double ratio = Math.pow(2.0, (double) (k % binsPerOctave) / binsPerOctave);
            freqs[k] = Math.pow(2.0, k / binsPerOctave) * ratio * fmin;
        }
        Arrays.sort(freqs);
        return freqs;
    }

    /**
     * {@code filters._relative_bandwidth}: from the local octave resolution around each frequency (one-sided at the
     * ends), alpha = (2^(2/bpo) - 1) / (2^(2/bpo) + 1).
     */
    static double[] relativeBandwidth(double[] freqs) {
        int n = freqs.length;
        double[] logf = new double[n];
        for (int k = 0; k < n; k++) {
            logf[k] = Frequencies.log2(freqs[k]);
        }
        double[] alpha = new double[n];
        for (int k = 0; k < n; k++) {
            double bpo = k == 0 ? 1 / (logf[1] - logf[0])
                    : k == n - 1 ? 1 / (logf[n - 1] - logf[n - 2])
                    : 2 / (logf[k + 1] - logf[k - 1]);
            double r = Math.pow(2.0, 2 / bpo);
            alpha[k] = (r - 1) / (r + 1);
        }
        return alpha;
    }

    /** The relative bandwidth of an equal-tempered grid with {@code bpo} bins per octave (single-bin case). */
    static double equalTemperedBandwidth(int bpo) {
        double r = Math.pow(2.0, 1.0 / bpo);
        return (r * r - 1) / (r * r + 1);
    }

    static double windowBandwidth(String window) {
        Double b = WINDOW_BANDWIDTHS.get(window.toLowerCase(Locale.ROOT));
        if (b == null) {
            throw new IllegalArgumentException("unsupported CQT window '" + window + "' (known: "
                    + WINDOW_BANDWIDTHS.keySet() + ")");
        }
        return b;
    }

    /**
     * librosa's {@code estimate_tuning(y=y, sr=sr, bins_per_octave=bpo)}: piptrack on |STFT| with n_fft 2048,
     * hop 512, resolution 0.01 (the spectral package's tuning estimator).
     */
    public static double estimateTuning(double[] y, double sr, int binsPerOctave) {
        double[][] mag = Stft.magnitude(y, StftParams.LIBROSA_DEFAULT);
        return Tuning.estimateTuning(mag, sr, 2048, 0.01, binsPerOctave);
    }

    /** The octave's filter responses |basis . STFT(y)| (filters x frames), librosa's __cqt_response. */
    private static double[][] response(double[] y, CqtBasis basis, int hop, String padMode) {
        int n = basis.nFft;
        double[] x = Stft.pad(y, n / 2, padMode);
        int nFrames = x.length < n ? 0 : 1 + (x.length - n) / hop;
        int nFilters = basis.bins.length;
        double[][] out = new double[nFilters][nFrames];
        DoubleFFT_1D fft = Fft.plan(n);
        double[] buf = new double[n];
        for (int t = 0; t < nFrames; t++) {
            System.arraycopy(x, t * hop, buf, 0, n);
            fft.realForward(buf);
            for (int k = 0; k < nFilters; k++) {
                int[] bins = basis.bins[k];
                double[] br = basis.re[k];
                double[] bi = basis.im[k];
                double re = 0;
                double im = 0;
                for (int j = 0; j < bins.length; j++) {
                    int f = bins[j];
                    double dr;
                    double di;
                    if (f == 0) {
                        dr = buf[0];
                        di = 0;
                    } else if (f == n / 2) {
                        dr = buf[1];
                        di = 0;
                    } else {
                        dr = buf[2 * f];
                        di = buf[2 * f + 1];
                    }
                    re += br[j] * dr - bi[j] * di;
                    im += br[j] * di + bi[j] * dr;
                }
                out[k][t] = Math.hypot(re, im);
            }
        }
        return out;
    }
}

package org.ser4j.features.cqt;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;
import org.ser4j.dsp.Fft;
import org.ser4j.dsp.Windows;

/**
 * The frequency-domain filters of one CQT octave, librosa 0.11's {@code __vqt_filter_fft} with gamma = 0:
 * windowed complex exponentials ({@code filters.wavelet}) normalised by {@code norm}, centred in a power-of-two
 * frame, scaled by length / n_fft, FFT'd (non-negative frequencies kept) and sparsified row by row
 * ({@code util.sparsify_rows}). As in librosa, the time-domain filters pass through complex64 (float32) before the
 * FFT. Immutable; instances are cached.
 */
final class CqtBasis {
    private static final ConcurrentHashMap<String, CqtBasis> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 256;

    /** FFT size of the octave's frames. */
    final int nFft;
    /** Per filter (ascending frequency): the kept FFT bins and the basis values there. */
    final int[][] bins;
    final double[][] re;
    final double[][] im;

    private CqtBasis(int nFft, int[][] bins, double[][] re, double[][] im) {
        this.nFft = nFft;
        this.bins = bins;
        this.re = re;
        this.im = im;
    }

    /**
     * The basis for filters at {@code freqs} with relative bandwidths {@code alpha}, at sample rate {@code sr}.
     *
     * @param rescale factor applied after sparsification (librosa's sqrt(sr / my_sr) for downsampled octaves)
     */
    static CqtBasis of(double sr, double[] freqs, double[] alpha, double filterScale, double norm, double sparsity,
            String window, double rescale) {
        String key = sr + "|" + Arrays.toString(freqs) + "|" + Arrays.toString(alpha) + "|" + filterScale + "|"
                + norm + "|" + sparsity + "|" + window.toLowerCase(Locale.ROOT) + "|" + rescale;
        CqtBasis cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        CqtBasis basis = build(sr, freqs, alpha, filterScale, norm, sparsity, window, rescale);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear(); // bound memory when many tunings are estimated; rebuilding is cheap
        }
        CACHE.putIfAbsent(key, basis);
        return basis;
    }

    /** Filter lengths Q * sr / f with Q = filter_scale / alpha ({@code filters.wavelet_lengths}, gamma = 0). */
    static double[] lengths(double sr, double[] freqs, double[] alpha, double filterScale) {
        double[] lengths = new double[freqs.length];
        for (int k = 0; k < freqs.length; k++) {
            double q = filterScale / alpha[k];
            lengths[k] = q * sr / freqs[k];
        }
        return lengths;
    }

    private static CqtBasis build(double sr, double[] freqs, double[] alpha, double filterScale, double norm,
            double sparsity, String window, double rescale) {
        int nFilters = freqs.length;
        double[] lengths = lengths(sr, freqs, alpha, filterScale);
        double maxLength = Arrays.stream(lengths).max().orElseThrow();
        int nFft = 1; // 2 ** ceil(log2(max length))
        while (nFft < maxLength) {
            nFft *= 2;
        }
        DoubleFFT_1D fft = Fft.plan(nFft);
        int nBins = nFft / 2 + 1;
        int[][] bins = new int[nFilters][];
        double[][] re = new double[nFilters][];
        double[][] im = new double[nFilters][];
        double[] buf = new double[2 * nFft];
        double[] mags = new double[nBins];
        for (int k = 0; k < nFilters; k++) {
            double length = lengths[k];
            // np.arange(-ilen // 2, ilen // 2): floor(-ilen / 2) .. floor(ilen / 2), exclusive.
            double start = Math.floor(-length / 2);
            double stop = Math.floor(length / 2);
            int count = (int) Math.ceil(stop - start);
            double[] w = Windows.get(window, count);
            double[] sre = new double[count];
            double[] sim = new double[count];
            for (int i = 0; i < count; i++) {
                double angle = (start + i) * 2 * Math.PI * freqs[k] / sr;
                sre[i] = Math.cos(angle) * w[i];
                sim[i] = Math.sin(angle) * w[i];
            }
            double normLength = complexNorm(sre, sim, norm);
            double fftScale = length / nFft;
            Arrays.fill(buf, 0.0);
            int lpad = (nFft - count) / 2; // util.pad_center
            for (int i = 0; i < count; i++) {
                // complex64 storage of the normalised filter, then of its length / n_fft scaling
                float fr = (float) (sre[i] / normLength);
                float fi = (float) (sim[i] / normLength);
                buf[2 * (lpad + i)] = (float) (fr * fftScale);
                buf[2 * (lpad + i) + 1] = (float) (fi * fftScale);
            }
            fft.complexForward(buf);
            // util.sparsify_rows: keep the largest bins holding all but `sparsity` of the row's L1 mass.
            double total = 0;
            for (int b = 0; b < nBins; b++) {
                mags[b] = Math.hypot(buf[2 * b], buf[2 * b + 1]);
                total += mags[b];
            }
            double[] sorted = Arrays.copyOf(mags, nBins);
            Arrays.sort(sorted);
            int thresholdIndex = 0;
            double cumulative = 0;
            for (int b = 0; b < nBins; b++) {
                cumulative += sorted[b] / total;
                if (!(cumulative < sparsity)) {
                    thresholdIndex = b;
                    break;
                }
            }
            double threshold = sorted[thresholdIndex];
            int kept = 0;
            for (int b = 0; b < nBins; b++) {
                kept += mags[b] >= threshold ? 1 : 0;
            }
            bins[k] = new int[kept];
            re[k] = new double[kept];
            im[k] = new double[kept];
            int j = 0;
            for (int b = 0; b < nBins; b++) {
                if (mags[b] >= threshold) {
                    bins[k][j] = b;
                    re[k][j] = buf[2 * b] * rescale;
                    im[k][j++] = buf[2 * b + 1] * rescale;
                }
            }
        }
        return new CqtBasis(nFft, bins, re, im);
    }

    /** librosa.util.normalize's length of a complex vector: L1, Lp or max of |z|; 1 when below tiny. */
    private static double complexNorm(double[] re, double[] im, double norm) {
        double acc = 0;
        for (int i = 0; i < re.length; i++) {
            double m = Math.hypot(re[i], im[i]);
            if (norm == Double.POSITIVE_INFINITY) {
                acc = Math.max(acc, m);
            } else if (norm == 1) {
                acc += m;
            } else {
                acc += Math.pow(m, norm);
            }
        }
        if (norm != Double.POSITIVE_INFINITY && norm != 1) {
            acc = Math.pow(acc, 1.0 / norm);
        }
        return acc < Double.MIN_NORMAL ? 1.0 : acc;
    }
}

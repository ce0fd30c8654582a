package org.ser4j.features.spectral;

/**
 * {@code librosa.feature.spectral_contrast}: per frame and frequency band, the difference between the mean of the
 * band's largest and smallest magnitudes ("peak" and "valley", each the {@code max(1, rint(quantile * n))}
 * extreme bins). Bands: [0, fmin], then octaves [fmin 2^(k-1), fmin 2^k] for k = 1 .. n_bands. librosa's band
 * edges, reproduced exactly: bands above the first also take the bin just below their lower edge; bands below the
 * top drop their last bin (n counts the bins before that drop); the top band runs to Nyquist. With linear=False the
 * contrast is {@code power_to_db(peak) - power_to_db(valley)} (10 log10 of magnitudes, each array floored 80 dB
 * below its own maximum).
 */
public final class SpectralContrast {
    private SpectralContrast() {
    }

    /** Spectral contrast of a (bins x frames) magnitude spectrogram: ((n_bands + 1) x frames). */
    public static double[][] contrast(double[][] mag, double sr, int nFft, ContrastParams p) {
        double[] freq = Frequencies.fftFrequencies(sr, nFft);
        if (freq.length != mag.length) {
            throw new IllegalArgumentException("spectrogram has " + mag.length + " bins, n_fft=" + nFft + " needs "
                    + freq.length);
        }
        int nBands = p.nBands();
        double[] octa = new double[nBands + 2];
        for (int k = 1; k < octa.length; k++) {
            octa[k] = p.fmin() * Math.pow(2.0, k - 1);
        }
        for (int k = 0; k <= nBands; k++) {
            if (octa[k] >= 0.5 * sr) {
                throw new IllegalArgumentException("spectral_contrast: frequency band " + octa[k]
                        + " Hz exceeds Nyquist (" + 0.5 * sr + " Hz); reduce fmin or n_bands");
            }
        }
        int nFrames = mag.length == 0 ? 0 : mag[0].length;
        double[][] peak = new double[nBands + 1][nFrames];
        double[][] valley = new double[nBands + 1][nFrames];
        for (int k = 0; k <= nBands; k++) {
            int first = -1;
            int last = -1;
            for (int b = 0; b < freq.length; b++) {
                if (freq[b] >= octa[k] && freq[b] <= octa[k + 1]) {
                    if (first < 0) {
                        first = b;
                    }
                    last = b;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("spectral_contrast: no STFT bin between " + octa[k] + " and "
                        + octa[k + 1] + " Hz (n_fft=" + nFft + " is too small for fmin=" + p.fmin() + ")");
            }
            if (k > 0) {
                first--; // the bin just below the band's lower edge
            }
            if (k == nBands) {
                last = freq.length - 1; // the top band runs to Nyquist
            }
            int n = last - first + 1;
            int q = (int) Math.max(1, Math.rint(p.quantile() * n));
            int to = k < nBands ? last - 1 : last; // bands below the top drop their last bin
            extremeMeans(mag, first, to, Math.min(q, to - first + 1), peak[k], valley[k]);
        }
        if (p.linear()) {
            double[][] out = new double[nBands + 1][nFrames];
            for (int k = 0; k <= nBands; k++) {
                for (int t = 0; t < nFrames; t++) {
                    out[k][t] = peak[k][t] - valley[k][t];
                }
            }
            return out;
        }
        double[][] peakDb = Decibels.powerToDb(peak);
        double[][] valleyDb = Decibels.powerToDb(valley);
        for (int k = 0; k <= nBands; k++) {
            for (int t = 0; t < nFrames; t++) {
                peakDb[k][t] -= valleyDb[k][t];
            }
        }
        return peakDb;
    }

    /**
     * For every frame, the means of the q largest and the q smallest values among bins [from, to]. Keeps the q
     * extremes in small sorted buffers (q is a few bins), visiting the spectrogram row by row.
     */
    private static void extremeMeans(double[][] mag, int from, int to, int q, double[] peakOut, double[] valleyOut) {
        int nFrames = peakOut.length;
        if (q <= 0) { // an empty band: numpy's mean of nothing
            java.util.Arrays.fill(peakOut, Double.NaN);
            java.util.Arrays.fill(valleyOut, Double.NaN);
            return;
        }
        // top[t*q + i] ascending (top[t*q] is the smallest kept); bottom[t*q + i] ascending (last is the largest kept)
        double[] top = new double[nFrames * q];
        double[] bottom = new double[nFrames * q];
        int filled = 0;
        for (int b = from; b <= to; b++) {
            double[] row = mag[b];
            if (filled < q) {
                for (int t = 0; t < nFrames; t++) {
                    insertAscending(top, t * q, filled, row[t]);
                    insertAscending(bottom, t * q, filled, row[t]);
                }
                filled++;
                continue;
            }
            for (int t = 0; t < nFrames; t++) {
                double v = row[t];
                int base = t * q;
                if (v > top[base]) {
                    // drop the smallest of the top q, insert v
                    int i = 0;
                    while (i + 1 < q && top[base + i + 1] < v) {
                        top[base + i] = top[base + i + 1];
                        i++;
                    }
                    top[base + i] = v;
                }
                if (v < bottom[base + q - 1]) {
                    int i = q - 1;
                    while (i > 0 && bottom[base + i - 1] > v) {
                        bottom[base + i] = bottom[base + i - 1];
                        i--;
                    }
                    bottom[base + i] = v;
                }
            }
        }
        for (int t = 0; t < nFrames; t++) {
            double sTop = 0;
            double sBottom = 0;
            for (int i = 0; i < q; i++) {
                sTop += top[t * q + i];
                sBottom += bottom[t * q + i];
            }
            peakOut[t] = sTop / q;
            valleyOut[t] = sBottom / q;
        }
    }

    /** Inserts v into the ascending run buf[base .. base+len) (capacity len+1). */
    private static void insertAscending(double[] buf, int base, int len, double v) {
        int i = len;
        while (i > 0 && buf[base + i - 1] > v) {
            buf[base + i] = buf[base + i - 1];
            i--;
        }
        buf[base + i] = v;
    }
}

package org.ser4j.features.spectral;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Mel-frequency cepstral coefficients, {@code librosa.feature.mfcc}: the DCT-II ({@code scipy.fftpack.dct}, type 2,
 * along the mel axis) of power_to_db(melspectrogram), first n_mfcc rows, optionally liftered.
 */
public final class Mfcc {
    private static final ConcurrentHashMap<Long, double[][]> DCT_CACHE = new ConcurrentHashMap<>();

    private Mfcc() {
    }

    /** MFCCs of a spectrogram: (n_mfcc x frames). */
    public static double[][] mfcc(Spectrogram spec, MfccParams p) {
        double[][] mel = Mel.melspectrogram(spec, p.mel());
        return fromDb(Decibels.powerToDb(mel), p);
    }

    /** MFCCs of a log-power mel spectrogram (n_mels x frames), librosa's {@code mfcc(S=...)}. */
    public static double[][] fromDb(double[][] melDb, MfccParams p) {
        int nMels = melDb.length;
        if (p.nMfcc() > nMels) {
            throw new IllegalArgumentException("n_mfcc=" + p.nMfcc() + " exceeds the " + nMels + " mel bands");
        }
        double[][] basis = dctBasis(p.nMfcc(), nMels, p.ortho());
        int nFrames = nMels == 0 ? 0 : melDb[0].length;
        double[][] out = new double[p.nMfcc()][nFrames];
        for (int k = 0; k < p.nMfcc(); k++) {
            double[] acc = out[k];
            double[] b = basis[k];
            for (int m = 0; m < nMels; m++) {
                double w = b[m];
                double[] row = melDb[m];
                for (int t = 0; t < nFrames; t++) {
                    acc[t] += w * row[t];
                }
            }
            if (p.lifter() > 0) {
                double lift = 1 + (p.lifter() / 2) * Math.sin(Math.PI * (k + 1) / p.lifter());
                for (int t = 0; t < nFrames; t++) {
                    acc[t] *= lift;
                }
            }
        }
        return out;
    }

    /**
     * DCT-II basis rows as scipy defines the transform: {@code y[k] = 2 sum_n x[n] cos(pi k (2n + 1) / (2N))}, and
     * for norm='ortho' scaled by {@code sqrt(1/(4N))} (k = 0) or {@code sqrt(1/(2N))} (k &gt; 0). Shared, read-only.
     */
    public static double[][] dctBasis(int nOut, int n, boolean ortho) {
        long key = ((long) nOut << 33) | ((long) n << 1) | (ortho ? 1 : 0);
        return DCT_CACHE.computeIfAbsent(key, k -> {
            double[][] b = new double[nOut][n];
            for (int i = 0; i < nOut; i++) {
                double scale = !ortho ? 2.0 : i == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                for (int m = 0; m < n; m++) {
                    b[i][m] = scale * Math.cos(Math.PI * i * (2 * m + 1) / (2.0 * n));
                }
            }
            return b;
        });
    }
}

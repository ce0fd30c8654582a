package org.ser4j.server.inference;

import org.ser4j.audio.Signal;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.spectral.Decibels;
import org.ser4j.features.spectral.Mel;
import org.ser4j.features.spectral.MelParams;
import org.ser4j.features.spectral.Spectrogram;

/**
 * What the web page draws of a recording, computed with ser4j's own feature code: a waveform envelope (the lowest
 * and highest sample in each of {@code width} columns) and a log-mel spectrogram (64 mel bands, 25 ms windows every
 * 10 ms, power averaged into at most {@code width} columns, in dB below the loudest cell as librosa's
 * {@code power_to_db(ref=np.max, top_db=80)}; digital silence is -80 dB throughout, not 0 dB).
 *
 * @param durationS        length of the recording in seconds
 * @param sampleRate       rate of the signal the plots were computed on (the model's rate)
 * @param waveMin          lowest sample per waveform column
 * @param waveMax          highest sample per waveform column
 * @param fmax             top of the highest mel band in Hz
 * @param secondsPerColumn time covered by one spectrogram column
 * @param melDb            (mel bands, lowest first) x columns, in dB from -80 to 0
 */
public record AudioPlots(double durationS, int sampleRate, float[] waveMin, float[] waveMax, double fmax,
                         double secondsPerColumn, double[][] melDb) {
    public static final int N_MELS = 64;
    /** 10 ms hop, 25 ms window at any rate; the FFT size is the next power of two. */
    private static final double HOP_S = 0.010;
    private static final double WINDOW_S = 0.025;
    /** Long recordings are transformed a slice at a time, so memory stays small whatever the length. */
    private static final double SLICE_S = 30;

    /** The plots of {@code signal} at most {@code width} columns wide (at least 1 column). */
    public static AudioPlots of(Signal signal, int width) {
        float[] y = signal.samples();
        int sr = signal.sampleRate();
        int columns = Math.max(1, Math.min(width, y.length));
        float[] min = new float[columns];
        float[] max = new float[columns];
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * y.length / columns);
            int to = (int) Math.max(from + 1, (long) (c + 1) * y.length / columns);
            float lo = 0;
            float hi = 0;
            for (int i = from; i < Math.min(to, y.length); i++) {
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
            min[c] = lo;
            max[c] = hi;
        }

        int hop = Math.max(1, (int) Math.round(HOP_S * sr));
        int win = Math.max(2, (int) Math.round(WINDOW_S * sr));
        int nFft = Integer.highestOneBit(win - 1) << 1;
        StftParams stft = new StftParams(nFft, hop, win, "hann", true, "constant");
        MelParams mel = MelParams.DEFAULT.withNMels(N_MELS);
        int frames = y.length / hop + 1; // centred frames, one every hop samples
        int melColumns = Math.min(columns, frames);
        double[][] power = new double[N_MELS][melColumns];
        int[] counts = new int[melColumns];
        int slice = (int) (SLICE_S * sr) / hop * hop; // whole hops, so every slice starts on the frame grid
        for (int start = 0; ; start += slice) {
            int end = Math.min(y.length, start + slice);
            boolean last = end == y.length;
            double[] part = new double[end - start];
            for (int i = start; i < end; i++) {
                part[i - start] = y[i];
            }
            double[][] m = Mel.melspectrogram(Spectrogram.of(part, sr, stft), mel);
            // A slice's final frame is also the next slice's first: keep it only in the last slice.
            int keep = last ? m[0].length : m[0].length - 1;
            for (int j = 0; j < keep; j++) {
                int c = (int) ((long) (start / hop + j) * melColumns / frames);
                counts[c]++;
                for (int b = 0; b < N_MELS; b++) {
                    power[b][c] += m[b][j];
                }
            }
            if (last) {
                break;
            }
        }
        for (int c = 0; c < melColumns; c++) {
            for (int b = 0; b < N_MELS; b++) {
                power[b][c] /= Math.max(1, counts[c]);
            }
        }
        double loudest = Decibels.max(power);
        double[][] db = Decibels.powerToDb(power, loudest, Decibels.AMIN, Decibels.TOP_DB);
        if (!(loudest > Decibels.AMIN)) {
            // Digital silence: relative to its own (zero) maximum every cell would read 0 dB, the loudest colour.
            for (double[] band : db) {
                java.util.Arrays.fill(band, -Decibels.TOP_DB);
            }
        }
        double duration = y.length / (double) sr;
        return new AudioPlots(duration, sr, min, max, mel.fmaxFor(sr), duration / melColumns, db);
    }
}

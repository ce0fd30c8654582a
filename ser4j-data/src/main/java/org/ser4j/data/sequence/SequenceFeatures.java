package org.ser4j.data.sequence;

import java.util.Random;
import org.ser4j.audio.Signal;
import org.ser4j.features.spectral.Decibels;
import org.ser4j.features.spectral.Delta;
import org.ser4j.features.spectral.Mel;
import org.ser4j.features.spectral.Mfcc;
import org.ser4j.features.spectral.Spectrogram;

/**
 * Frame-level inputs for sequence models, computed with the features module's librosa-parity functions:
 * {@code power_to_db(melspectrogram)} (ref 1, top_db 80) or MFCCs of it with first and second deltas
 * ({@code librosa.feature.delta}, width 9). Then {@link #fixLength} crops or pads to the spec's frame count.
 */
public final class SequenceFeatures {
    private SequenceFeatures() {
    }

    /**
     * Variable-length features of a signal, prepared by the one audio path (resampled to the spec's rate and
     * conditioned as the spec says): (channels x frames).
     */
    public static float[][] compute(Signal signal, SequenceSpec spec) {
        Signal s = spec.conditioning().prepare(signal, spec.sampleRate());
        double[][] melDb = Decibels.powerToDb(Mel.melspectrogram(Spectrogram.of(s, spec.stft()), spec.mel()));
        if (spec.kind() == SequenceSpec.Kind.LOG_MEL) {
            return toFloat(melDb);
        }
        double[][] mfcc = Mfcc.fromDb(melDb, spec.mfcc());
        int frames = mfcc[0].length;
        // delta needs width <= frames; very short clips get the widest odd window they allow, or no deltas
        int width = Math.min(9, frames % 2 == 1 ? frames : frames - 1);
        double[][] d1 = width >= 3 ? Delta.delta(mfcc, width, 1) : new double[mfcc.length][frames];
        double[][] d2 = width >= 3 ? Delta.delta(mfcc, width, 2) : new double[mfcc.length][frames];
        float[][] out = new float[3 * mfcc.length][];
        float[][] a = toFloat(mfcc);
        float[][] b = toFloat(d1);
        float[][] c = toFloat(d2);
        for (int i = 0; i < mfcc.length; i++) {
            out[i] = a[i];
            out[mfcc.length + i] = b[i];
            out[2 * mfcc.length + i] = c[i];
        }
        return out;
    }

    /**
     * A fixed-length window: frames [offset, offset + frames) of {@code x}, zero-padded at the end when x is
     * shorter, with a mask of 1 for real frames and 0 for padding.
     */
    public static Sequence fixLength(float[][] x, int frames, int offset) {
        int available = x.length == 0 ? 0 : x[0].length;
        int start = Math.max(0, Math.min(offset, available - frames));
        int valid = Math.min(frames, available - start);
        float[][] values = new float[x.length][frames];
        for (int c = 0; c < x.length; c++) {
            System.arraycopy(x[c], start, values[c], 0, Math.max(0, valid));
        }
        float[] mask = new float[frames];
        java.util.Arrays.fill(mask, 0, Math.max(0, valid), 1f);
        return new Sequence(values, mask, Math.max(0, valid));
    }

    /** The centred window (for evaluation and prediction). */
    public static Sequence centerCrop(float[][] x, int frames) {
        int available = x.length == 0 ? 0 : x[0].length;
        return fixLength(x, frames, Math.max(0, (available - frames) / 2));
    }

    /** A random window (for training). */
    public static Sequence randomCrop(float[][] x, int frames, Random random) {
        int available = x.length == 0 ? 0 : x[0].length;
        return fixLength(x, frames, available > frames ? random.nextInt(available - frames + 1) : 0);
    }

    static float[][] toFloat(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int t = 0; t < x[i].length; t++) {
                out[i][t] = (float) x[i][t];
            }
        }
        return out;
    }
}

package org.ser4j.audio.effects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ser4j.dsp.Frames;

/**
 * librosa's {@code librosa.effects} for silence trimming, splitting and pre-emphasis, with its names, defaults
 * and frame quantisation. Pure, thread-safe functions.
 *
 * <p>Silence is decided per frame from {@link Frames#rms} (float32 accumulation, centred zero-padded frames of
 * {@code frame_length}, hop {@code hop_length}) converted to dB relative to a reference ({@code ref}, default the
 * loudest frame): a frame is non-silent when its level exceeds {@code -top_db}. Boundaries are frame indices
 * times {@code hop_length}, clipped to the signal length.
 */
public final class Effects {
    /** librosa defaults. */
    public static final double TOP_DB = 60.0;
    public static final int FRAME_LENGTH = 2048;
    public static final int HOP_LENGTH = 512;
    public static final double PREEMPHASIS_COEF = 0.97;

    private Effects() {
    }

    /** The trimmed signal and its [start, end) sample range in the input. */
    public record Trimmed(double[] y, int start, int end) {
    }

    /** {@code librosa.effects.trim(y, top_db=60, ref=np.max, frame_length=2048, hop_length=512)}. */
    public static Trimmed trim(double[] y) {
        return trim(y, TOP_DB, Double.NaN, FRAME_LENGTH, HOP_LENGTH);
    }

    /**
     * Trims leading and trailing silence.
     *
     * @param topDb       threshold in dB below the reference (top_db, default 60)
     * @param ref         reference amplitude; NaN means the loudest frame's RMS (ref=np.max, the default)
     * @param frameLength frame_length (default 2048)
     * @param hopLength   hop_length (default 512)
     * @return the trimmed copy and [start, end); [0, 0) and an empty signal when everything is silent
     */
    public static Trimmed trim(double[] y, double topDb, double ref, int frameLength, int hopLength) {
        boolean[] loud = nonSilentFrames(y, topDb, ref, frameLength, hopLength);
        int first = -1;
        int last = -1;
        for (int t = 0; t < loud.length; t++) {
            if (loud[t]) {
                if (first < 0) {
                    first = t;
                }
                last = t;
            }
        }
        if (first < 0) {
            return new Trimmed(new double[0], 0, 0);
        }
        int start = (int) Frames.framesToSamples(first, hopLength);
        int end = (int) Math.min(y.length, Frames.framesToSamples(last + 1L, hopLength));
        return new Trimmed(Arrays.copyOfRange(y, start, end), start, end);
    }

    /** {@code librosa.effects.split(y, top_db, ref=np.max, frame_length=2048, hop_length=512)}. */
    public static List<int[]> split(double[] y, double topDb) {
        return split(y, topDb, Double.NaN, FRAME_LENGTH, HOP_LENGTH);
    }

    /**
     * Non-silent intervals, librosa's {@code effects.split}: runs of non-silent frames as [start, end) sample
     * ranges (frame index times hop, clipped to the length). Parameters as in {@link #trim(double[], double,
     * double, int, int)}; librosa's default top_db is 60.
     */
    public static List<int[]> split(double[] y, double topDb, double ref, int frameLength, int hopLength) {
        boolean[] loud = nonSilentFrames(y, topDb, ref, frameLength, hopLength);
        List<int[]> out = new ArrayList<>();
        int t = 0;
        while (t < loud.length) {
            if (!loud[t]) {
                t++;
                continue;
            }
            int from = t;
            while (t < loud.length && loud[t]) {
                t++;
            }
            out.add(new int[] {
                (int) Math.min(y.length, Frames.framesToSamples(from, hopLength)),
                (int) Math.min(y.length, Frames.framesToSamples(t, hopLength))});
        }
        return out;
    }

    /**
     * Pre-emphasis {@code y[n] - coef * y[n-1]}, as {@code librosa.effects.preemphasis(y, coef=0.97, zi=None)}:
     * with {@code zi} null the filter state is librosa's {@code 2*y[0] - y[1]}, so {@code out[0] = 3*y[0] - y[1]}
     * (for a one-sample input, {@code y[0]}); a given {@code zi} makes {@code out[0] = y[0] + zi}.
     */
    public static double[] preemphasis(double[] y, double coef, Double zi) {
        double[] out = new double[y.length];
        if (y.length == 0) {
            return out;
        }
        double state = zi != null ? zi : (y.length > 1 ? 2 * y[0] - y[1] : y[0]);
        out[0] = y[0] + state;
        for (int i = 1; i < y.length; i++) {
            out[i] = y[i] - coef * y[i - 1];
        }
        return out;
    }

    /** {@link #preemphasis(double[], double, Double)} with coef 0.97 and librosa's default state. */
    public static double[] preemphasis(double[] y) {
        return preemphasis(y, PREEMPHASIS_COEF, null);
    }

    /**
     * librosa's {@code _signal_to_frame_nonsilent}: frame RMS (float32, as librosa) to dB with
     * {@code amplitude_to_db(rms, ref, amin=1e-5, top_db=None)}, compared with {@code -top_db}.
     */
    static boolean[] nonSilentFrames(double[] y, double topDb, double ref, int frameLength, int hopLength) {
        double[] rms = Frames.rms(y, frameLength, hopLength, true, "constant", true);
        double refValue = ref;
        if (Double.isNaN(ref)) {
            refValue = 0;
            for (double v : rms) {
                refValue = Math.max(refValue, v);
            }
        }
        // power_to_db(rms^2, ref=ref^2, amin=1e-10); rms^2 is formed in float32 like librosa's float32 array.
        double refDb = 10 * Math.log10(Math.max(1e-10, refValue * refValue));
        boolean[] loud = new boolean[rms.length];
        for (int t = 0; t < rms.length; t++) {
            float power = (float) rms[t] * (float) rms[t];
            double db = 10 * Math.log10(Math.max(1e-10, power)) - refDb;
            loud[t] = db > -topDb;
        }
        return loud;
    }
}

package org.ser4j.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.ser4j.dsp.Fir;

/**
 * The one audio path from decoded audio to what a feature set sees: resampling to the set's rate, then
 * conditioning that removes what the container adds rather than the voice. Training, evaluation, {@code predict},
 * {@code serve} and Spark all reach features through {@link #prepare(Signal, int)} (inside the feature extractor),
 * and a model bundle records these parameters in its feature spec, so a clip is prepared the same way wherever it
 * comes from.
 *
 * <p>Why each step: a 16-bit file quantises quiet stretches to exact zeros while a float or resampled one keeps
 * low-level noise there, and recordings differ by gain, DC offset and leading or trailing silence. Features that
 * read the noise floor (zero-crossing rate, spectral contrast and flatness, the quietest frames' RMS) moved by up
 * to 10 cross-clip standard deviations between two containers of one recording. So, in order:
 * <ol>
 *   <li>{@code removeDc}: the mean is subtracted (a DC offset otherwise dominates every low-level frame);</li>
 *   <li>band limit: a steep linear-phase low-pass at {@code bandLimitHz} (when under the Nyquist frequency).
 *       Every resampler and codec cuts somewhere between 7 and 8 kHz on the way to 16 kHz (kaiser_best at
 *       7.58 kHz, sox's {@code rate -v} near 7.9 kHz, LAME and Opus where their bit budget ends), and the top
 *       spectral-contrast band and the high MFCCs followed that edge by up to one cross-clip standard deviation;
 *       the path now defines the edge itself;</li>
 *   <li>active frames: 25 ms windows whose RMS is at most {@code activeTopDb} below the loudest window; the ends
 *       before the first and after the last active window are trimmed (10 ms of margin is kept). Windows start at
 *       every sample, so where the trimmed clip starts is fixed by the voice, not by how much audio came before
 *       it: on a 10 ms grid, a few milliseconds of extra lead-in moved the answer's confidence by 0.1;</li>
 *   <li>level: the {@code levelPercentile} of the active frames' RMS (25 ms, hop 10 ms) is scaled to {@code levelDbfs} (robust to
 *       gain and to the amount of silence);</li>
 *   <li>noise floor: deterministic white noise {@code noiseFloorDb} below that level is added, so the floor that
 *       features see is defined by this step rather than by the container's quantisation or the resampler.
 *       The noise is a fixed table (seeded) repeated cyclically, so the same samples give the same output.</li>
 * </ol>
 * {@link #NONE} does nothing but resample: the behaviour of specs written before conditioning existed, and of
 * librosa-parity feature calls.
 *
 * @param removeDc        subtract the mean first
 * @param activeTopDb     frames quieter than the loudest by more than this are inactive (trimmed at the ends); 0 to
 *                        skip trimming
 * @param levelPercentile which percentile (0..1) of active frame RMS defines the level; 0 to skip level scaling
 * @param levelDbfs       the level that percentile is scaled to, dB relative to full scale
 * @param noiseFloorDb    white noise this many dB below {@code levelDbfs} is added; 0 to add none
 * @param bandLimitHz     the low-pass's -6 dB frequency; 0 for none (a conditioning recorded before the band limit
 *                        existed reads as 0)
 */
public record Conditioning(boolean removeDc, double activeTopDb, double levelPercentile, double levelDbfs,
                           double noiseFloorDb, double bandLimitHz) {

    /** Resampling only. */
    public static final Conditioning NONE = new Conditioning(false, 0, 0, 0, 0, 0);

    /**
     * The speech defaults: DC removed, band-limited to 7 kHz, ends trimmed 35 dB under the loudest frame (what
     * {@link org.ser4j.audio.effects.VoiceActivity} never counts as speech either, so a lead-in of room noise goes),
     * the 95th percentile of active frame RMS at -20 dBFS, a white noise floor 60 dB under it (-80 dBFS).
     */
    public static final Conditioning SPEECH = new Conditioning(true, 35, 0.95, -20, 60, 7000);

    /** Width of the band limit's transition band (Hz), centred on {@code bandLimitHz}. */
    static final double BAND_LIMIT_TRANSITION_HZ = 400;
    /** Stop-band attenuation of the band limit (dB): far under the noise floor. */
    static final double BAND_LIMIT_STOP_DB = 90;

    private static final double FRAME_S = 0.025;
    private static final double HOP_S = 0.010;
    /** Fixed white-noise table; long enough (4 s at 16 kHz) that its repetition is not a feature of its own. */
    private static final float[] NOISE = whiteNoise(1 << 16, 0x5e4_7a11L);
    /** Band-limit filters by (band limit, sample rate). */
    private static final Map<List<Double>, double[]> LOW_PASSES = new ConcurrentHashMap<>();

    public Conditioning {
        if (!(activeTopDb >= 0) || !(levelPercentile >= 0 && levelPercentile <= 1) || !Double.isFinite(levelDbfs)
                || !(noiseFloorDb >= 0) || !(bandLimitHz == 0 || bandLimitHz > BAND_LIMIT_TRANSITION_HZ)) {
            throw new IllegalArgumentException("bad conditioning: active_top_db " + activeTopDb + ", percentile "
                    + levelPercentile + ", level " + levelDbfs + " dBFS, noise floor " + noiseFloorDb
                    + " dB, band limit " + bandLimitHz + " Hz");
        }
    }

    /** Whether this conditioning does nothing beyond resampling. */
    public boolean resamplesOnly() {
        return equals(NONE);
    }

    /** One line for provenance and reports, e.g. "DC removed, low-pass at 7000 Hz, ends trimmed 35 dB under the loudest frame, ...". */
    public String describe() {
        if (resamplesOnly()) {
            return "none (resampling only)";
        }
        java.util.List<String> steps = new java.util.ArrayList<>();
        if (removeDc) {
            steps.add("DC removed");
        }
        if (bandLimitHz > 0) {
            steps.add(String.format(java.util.Locale.ROOT, "low-pass at %.0f Hz", bandLimitHz));
        }
        if (activeTopDb > 0) {
            steps.add(String.format(java.util.Locale.ROOT, "ends trimmed %.0f dB under the loudest frame", activeTopDb));
        }
        if (levelPercentile > 0) {
            steps.add(String.format(java.util.Locale.ROOT, "p%.0f of active frame RMS at %.0f dBFS",
                    100 * levelPercentile, levelDbfs));
        }
        if (noiseFloorDb > 0) {
            steps.add(String.format(java.util.Locale.ROOT, "white noise floor at %.0f dBFS", levelDbfs - noiseFloorDb));
        }
        return String.join(", ", steps);
    }

    /** The signal resampled to {@code sampleRate} (kaiser_best, as {@link Resample}) and conditioned. */
    public Signal prepare(Signal signal, int sampleRate) {
        return apply(Resample.resample(signal, sampleRate));
    }

    /** The conditioning steps on a signal at its own rate (see the class documentation). */
    public Signal apply(Signal signal) {
        if (resamplesOnly() || signal.length() == 0) {
            return signal;
        }
        float[] y = signal.samples().clone();
        if (removeDc) {
            double mean = 0;
            for (float v : y) {
                mean += v;
            }
            mean /= y.length;
            for (int i = 0; i < y.length; i++) {
                y[i] -= (float) mean;
            }
        }
        int sr = signal.sampleRate();
        if (bandLimitHz > 0 && bandLimitHz + BAND_LIMIT_TRANSITION_HZ / 2 < sr / 2.0) {
            y = bandLimit(y, sr);
        }
        int win = Math.max(1, (int) Math.round(FRAME_S * sr));
        int hop = Math.max(1, (int) Math.round(HOP_S * sr));
        WindowEnergy energy = new WindowEnergy(y, win);
        double loudest = Math.sqrt(energy.max() / Math.min(win, y.length));
        if (loudest <= 0) {
            return new Signal(y, sr, signal.source()); // digital silence: nothing to measure a level on
        }
        double threshold = activeTopDb > 0 ? loudest * Math.pow(10, -activeTopDb / 20) : 0;
        if (activeTopDb > 0) {
            // Window starts at every sample, not every hop: the trimmed clip then starts at the same place in the
            // speech however much audio came before it, so the features' frame grid follows the voice, not the file.
            double atLeast = threshold * threshold * Math.min(win, y.length);
            int from = Math.max(0, energy.firstAtLeast(atLeast) - hop);
            int to = Math.min(y.length, energy.lastAtLeast(atLeast) + win + hop);
            if (from > 0 || to < y.length) {
                y = Arrays.copyOfRange(y, from, to);
            }
        }
        double gain = 1;
        if (levelPercentile > 0) {
            double[] rms = frameRms(y, win, hop);
            double[] active = Arrays.stream(rms).filter(r -> r >= threshold).sorted().toArray();
            if (active.length == 0) { // a lone click louder than every whole frame
                active = new double[] {Arrays.stream(rms).max().orElseThrow()};
            }
            double level = active[(int) Math.floor(levelPercentile * (active.length - 1))];
            gain = Math.pow(10, levelDbfs / 20) / level;
        }
        double floor = noiseFloorDb > 0 ? Math.pow(10, (levelDbfs - noiseFloorDb) / 20) : 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (y[i] * gain + floor * NOISE[i & (NOISE.length - 1)]);
        }
        return new Signal(y, sr, signal.source());
    }

    /** RMS of frames of {@code win} samples every {@code hop} (the last frame may be shorter; at least one frame). */
    static double[] frameRms(float[] y, int win, int hop) {
        int n = y.length <= win ? 1 : (y.length - win + hop - 1) / hop + 1;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            int from = t * hop;
            int to = Math.min(y.length, from + win);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += (double) y[i] * y[i];
            }
            out[t] = Math.sqrt(sum / Math.max(1, to - from));
        }
        return out;
    }

    /**
     * Energy (sum of squares) of the window of {@code win} samples starting at each sample ({@code y.length} under
     * {@code win}: one window, the whole signal). Slid one sample at a time and recomputed exactly every
     * {@code win} starts, so rounding cannot build up over hours of audio; nothing is stored per sample.
     */
    private record WindowEnergy(float[] y, int win) {
        int starts() {
            return Math.max(1, y.length - win + 1);
        }

        double exact(int t) {
            double sum = 0;
            for (int i = t; i < Math.min(y.length, t + win); i++) {
                sum += (double) y[i] * y[i];
            }
            return sum;
        }

        double max() {
            double best = 0;
            double e = 0;
            for (int t = 0; t < starts(); t++) {
                e = following(t, e);
                best = Math.max(best, e);
            }
            return best;
        }

        /** The first window start whose energy reaches {@code level} (there is one: the loudest). */
        int firstAtLeast(double level) {
            double e = 0;
            for (int t = 0; t < starts(); t++) {
                e = following(t, e);
                if (e >= level) {
                    return t;
                }
            }
            return 0;
        }

        /** The last window start whose energy reaches {@code level}. */
        int lastAtLeast(double level) {
            double e = 0;
            for (int t = starts() - 1, k = 0; t >= 0; t--, k++) {
                e = k % win == 0 ? exact(t) : e + sq(t) - sq(t + win);
                if (e >= level) {
                    return t;
                }
            }
            return starts() - 1;
        }

        /** The energy of the window at {@code t} from the one at {@code t - 1}. */
        private double following(int t, double previous) {
            return t % win == 0 ? exact(t) : previous + sq(t + win - 1) - sq(t - 1);
        }

        private double sq(int i) {
            return (double) y[i] * y[i];
        }
    }

    /** {@code y} through the band limit's low-pass, designed for rate {@code sr} (cached per rate). */
    private float[] bandLimit(float[] y, int sr) {
        double[] h = LOW_PASSES.computeIfAbsent(List.of(bandLimitHz, (double) sr), k -> Fir.lowPass(bandLimitHz / sr,
                Fir.taps(BAND_LIMIT_STOP_DB, BAND_LIMIT_TRANSITION_HZ / sr), Fir.kaiserBeta(BAND_LIMIT_STOP_DB)));
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = y[i];
        }
        double[] filtered = Fir.filter(x, h);
        float[] out = new float[y.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) filtered[i];
        }
        return out;
    }

    private static float[] whiteNoise(int n, long seed) {
        Random random = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}

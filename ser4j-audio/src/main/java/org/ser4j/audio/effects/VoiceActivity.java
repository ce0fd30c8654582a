package org.ser4j.audio.effects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;

/**
 * Voice-activity segmentation from frame energy and a spectral cue, with hangover and minimum durations.
 *
 * <p>Per frame (25 ms window, 10 ms hop by default): the level in dB and the share of energy in the speech band
 * (300-4000 Hz). The noise floor is the 10th percentile of the levels of the frames that are not digital silence
 * (a frame whose samples all stay within one 16-bit step of zero is left out, so that a file padded with exact zeros
 * does not make its own room noise look like speech), the noise's band share the median over
 * the frames near that floor. A frame is speech when its level is at least {@code energyMarginDb} above the floor
 * and its band share exceeds the noise's by {@code bandShareMargin}, or when it is {@code 2 * energyMarginDb}
 * above the floor whatever its spectrum (loud fricatives); in both cases it must also be at most
 * {@code maxBelowPeakDb} under the recording's loudest frame (room noise before and after the speech of a quiet
 * studio recording rises well above a near-digital floor, yet stays far under the speech). Decisions are then held for {@code hangoverSeconds},
 * gaps shorter than {@code minSilenceSeconds} are bridged and segments shorter than {@code minSpeechSeconds}
 * dropped. Pure, thread-safe.
 *
 * @param frameSeconds      analysis window (default 0.025)
 * @param hopSeconds        hop (default 0.010)
 * @param energyMarginDb    level above the noise floor for speech (default 6 dB)
 * @param bandShareMargin   speech-band energy share above the noise's (default 0.1)
 * @param hangoverSeconds   speech decisions held this long after the last speech frame (default 0.1)
 * @param minSilenceSeconds shorter pauses are bridged (default 0.3)
 * @param minSpeechSeconds  shorter segments are dropped (default 0.15)
 * @param maxBelowPeakDb    frames further than this under the loudest frame are never speech (default 35 dB)
 */
public record VoiceActivity(double frameSeconds, double hopSeconds, double energyMarginDb, double bandShareMargin,
                            double hangoverSeconds, double minSilenceSeconds, double minSpeechSeconds,
                            double maxBelowPeakDb) {

    /** Defaults suited to 16 kHz speech. */
    public static final VoiceActivity DEFAULT = new VoiceActivity(0.025, 0.010, 6.0, 0.1, 0.1, 0.3, 0.15, 35);

    private static final double BAND_LOW_HZ = 300;
    private static final double BAND_HIGH_HZ = 4000;
    /** One 16-bit step: samples this close to zero are digital silence. */
    private static final double DIGITAL_SILENCE = 1.0 / 32768;

    /** Speech segments with the default parameters. */
    public static List<Segment> segments(Signal s) {
        return DEFAULT.detect(s);
    }

    /** Speech segments of a signal, in order, non-overlapping. */
    public List<Segment> detect(Signal s) {
        int sr = s.sampleRate();
        int win = Math.max(16, (int) Math.round(frameSeconds * sr));
        int hop = Math.max(1, (int) Math.round(hopSeconds * sr));
        int nFft = Integer.highestOneBit(win - 1) << 1;
        StftParams p = new StftParams(nFft, hop, win, "hann", true, "constant");
        double[][] power = Stft.powerSpectrogram(s.toDoubles(), p);
        int frames = power.length == 0 ? 0 : power[0].length;
        if (frames == 0 || s.length() == 0) {
            return List.of();
        }
        int lo = (int) Math.ceil(BAND_LOW_HZ * nFft / sr);
        int hi = Math.min(power.length - 1, (int) Math.floor(BAND_HIGH_HZ * nFft / sr));
        double[] level = new double[frames];
        double[] share = new double[frames];
        for (int t = 0; t < frames; t++) {
            double total = 0;
            double band = 0;
            for (int k = 0; k < power.length; k++) {
                total += power[k][t];
                if (k >= lo && k <= hi) {
                    band += power[k][t];
                }
            }
            level[t] = 10 * Math.log10(total + 1e-12);
            share[t] = total > 0 ? band / total : 0;
        }
        double floor = percentile(audibleLevels(s.samples(), level, hop, win), 0.10);
        List<Double> noiseShares = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            if (level[t] <= floor + 1.0) {
                noiseShares.add(share[t]);
            }
        }
        double noiseShare = percentile(noiseShares.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
        double loudest = Arrays.stream(level).max().orElse(floor);
        boolean[] speech = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            double above = level[t] - floor;
            speech[t] = (above >= 2 * energyMarginDb
                    || above >= energyMarginDb && share[t] > noiseShare + bandShareMargin)
                    && loudest - level[t] <= maxBelowPeakDb;
        }
        hold(speech, (int) Math.round(hangoverSeconds / hopSeconds));
        bridge(speech, (int) Math.round(minSilenceSeconds / hopSeconds));
        List<Segment> out = new ArrayList<>();
        int minFrames = (int) Math.round(minSpeechSeconds / hopSeconds);
        int t = 0;
        while (t < frames) {
            if (!speech[t]) {
                t++;
                continue;
            }
            int from = t;
            while (t < frames && speech[t]) {
                t++;
            }
            if (t - from >= minFrames) {
                int start = Math.max(0, from * hop - hop / 2);
                int end = Math.min(s.length(), (t - 1) * hop + hop / 2);
                if (end > start) {
                    out.add(new Segment(start, end, sr));
                }
            }
        }
        return out;
    }

    /** The levels of the frames (centred, {@code win} long, every {@code hop}) that are not digital silence. */
    private static double[] audibleLevels(float[] y, double[] level, int hop, int win) {
        double[] out = new double[level.length];
        int n = 0;
        for (int t = 0; t < level.length; t++) {
            int from = Math.max(0, t * hop - win / 2);
            int to = Math.min(y.length, t * hop + win / 2);
            for (int i = from; i < to; i++) {
                if (Math.abs(y[i]) > DIGITAL_SILENCE) {
                    out[n++] = level[t];
                    break;
                }
            }
        }
        return n == 0 ? level : Arrays.copyOf(out, n);
    }

    /** Extends each run of true by n frames. */
    private static void hold(boolean[] x, int n) {
        int left = 0;
        for (int t = 0; t < x.length; t++) {
            if (x[t]) {
                left = n;
            } else if (left > 0) {
                x[t] = true;
                left--;
            }
        }
    }

    /** Fills false gaps shorter than n frames between two true runs. */
    private static void bridge(boolean[] x, int n) {
        int lastTrue = -1;
        for (int t = 0; t < x.length; t++) {
            if (x[t]) {
                if (lastTrue >= 0 && t - lastTrue - 1 > 0 && t - lastTrue - 1 < n) {
                    Arrays.fill(x, lastTrue + 1, t, true);
                }
                lastTrue = t;
            }
        }
    }

    private static double percentile(double[] v, double q) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
    }
}

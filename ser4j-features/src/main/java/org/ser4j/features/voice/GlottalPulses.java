package org.ser4j.features.voice;

import java.util.Arrays;

/**
 * Glottal pulses of voiced speech: one waveform peak per vocal-fold cycle, found with the help of an F0 track.
 * The input to {@link Perturbation}'s jitter and shimmer.
 *
 * <p>Detection follows the idea of Praat's "Sound &amp; Pitch: To PointProcess (peaks)": within every voiced
 * stretch, start at the largest peak and walk forwards and backwards one local period (1/F0) at a time, taking
 * the waveform's extreme within &plusmn;{@link #SEARCH_FRACTION} of a period of the expected position, refined to
 * sub-sample precision by a parabola through the three samples around it. The walk stops where no true peak
 * (a positive local maximum) lies in the search range. The polarity (maxima or minima) is the
 * one of the stretch's largest absolute sample, so inverted recordings work alike.
 *
 * @param times      pulse times in seconds, ascending
 * @param amplitudes the peak amplitude at each pulse (&gt; 0 for a real peak)
 * @param periods    periods[i] = times[i+1] - times[i] in seconds, or NaN where a voice break (an unvoiced
 *                   frame) lies between the two pulses; length max(0, times.length - 1)
 */
public record GlottalPulses(double[] times, double[] amplitudes, double[] periods) {
    /** How far from the expected position (as a fraction of the local period) a pulse is searched for. */
    public static final double SEARCH_FRACTION = 0.2;

    public int count() {
        return times.length;
    }

    /** Index of the first pulse at or after time t (seconds); count() if none. */
    public int firstAtOrAfter(double t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * Finds the pulses of a signal.
     *
     * @param y   samples
     * @param sr  sample rate in Hz
     * @param f0  F0 in Hz per frame, frame t centred on sample t*hop; NaN or &le; 0 marks an unvoiced frame
     * @param hop samples between frames
     */
    public static GlottalPulses detect(double[] y, int sr, double[] f0, int hop) {
        PulseList out = new PulseList();
        int t = 0;
        while (t < f0.length) {
            if (!(f0[t] > 0)) {
                t++;
                continue;
            }
            int first = t;
            while (t < f0.length && f0[t] > 0) {
                t++;
            }
            int last = t - 1;
            int from = Math.max(0, first * hop - hop / 2);
            int to = Math.min(y.length, last * hop + hop / 2 + 1);
            if (to - from >= 3) {
                out.startSegment();
                walkSegment(y, sr, f0, hop, first, last, from, to, out);
            }
        }
        return out.build();
    }

    /** Pulses of one voiced stretch [from, to) of samples, frames first..last. */
    private static void walkSegment(double[] y, int sr, double[] f0, int hop, int first, int last, int from, int to,
            PulseList out) {
        int anchor = from;
        for (int i = from; i < to; i++) {
            if (Math.abs(y[i]) > Math.abs(y[anchor])) {
                anchor = i;
            }
        }
        double sign = y[anchor] < 0 ? -1 : 1;
        int segStart = out.size();
        // Backwards from the anchor (collected in reverse), then the anchor, then forwards.
        double pos = anchor;
        while (true) {
            double period = localPeriod(sr, f0, hop, first, last, pos);
            int peak = extremum(y, sign, pos - period, period, from, to);
            if (peak < 0 || peak >= pos - 0.5 * period) {
                break;
            }
            pos = peak;
            out.add(refine(y, sign, peak, sr));
        }
        out.reverseFrom(segStart);
        out.add(refine(y, sign, anchor, sr));
        pos = anchor;
        while (true) {
            double period = localPeriod(sr, f0, hop, first, last, pos);
            int peak = extremum(y, sign, pos + period, period, from, to);
            if (peak < 0 || peak <= pos + 0.5 * period) {
                break;
            }
            pos = peak;
            out.add(refine(y, sign, peak, sr));
        }
    }

    private static double localPeriod(int sr, double[] f0, int hop, int first, int last, double sample) {
        int frame = (int) Math.max(first, Math.min(last, Math.round(sample / hop)));
        return sr / f0[frame];
    }

    /** The sample of the largest sign*y within expected &plusmn; SEARCH_FRACTION*period, or -1 if out of range. */
    private static int extremum(double[] y, double sign, double expected, double period, int from, int to) {
        int lo = (int) Math.ceil(expected - SEARCH_FRACTION * period);
        int hi = (int) Math.floor(expected + SEARCH_FRACTION * period);
        lo = Math.max(lo, from);
        hi = Math.min(hi, to - 1);
        if (lo > hi) {
            return -1;
        }
        int best = lo;
        for (int i = lo + 1; i <= hi; i++) {
            if (sign * y[i] > sign * y[best]) {
                best = i;
            }
        }
        // Only a true peak counts: above zero and strictly above both neighbours, so silence or a monotonic
        // stretch ends the walk instead of yielding a spurious pulse.
        boolean peak = sign * y[best] > 0 && best > 0 && best < y.length - 1
                && sign * y[best] > sign * y[best - 1] && sign * y[best] > sign * y[best + 1];
        return peak ? best : -1;
    }

    /** Parabolic interpolation of the peak at integer sample k: {time in s, amplitude}. */
    private static double[] refine(double[] y, double sign, int k, int sr) {
        double c = sign * y[k];
        if (k == 0 || k == y.length - 1) {
            return new double[] {k / (double) sr, c};
        }
        double a = sign * y[k - 1];
        double b = sign * y[k + 1];
        double curvature = a - 2 * c + b;
        if (curvature >= 0) {
            return new double[] {k / (double) sr, c};
        }
        double delta = 0.5 * (a - b) / curvature;
        return new double[] {(k + delta) / sr, c - 0.25 * (a - b) * delta};
    }

    /** Growable pulse list that remembers where voice breaks lie. */
    private static final class PulseList {
        private double[] times = new double[64];
        private double[] amps = new double[64];
        private boolean[] breakBefore = new boolean[64];
        private int n;
        private boolean pendingBreak;

        void startSegment() {
            pendingBreak = n > 0;
        }

        int size() {
            return n;
        }

        void add(double[] timeAmp) {
            if (n == times.length) {
                times = Arrays.copyOf(times, 2 * n);
                amps = Arrays.copyOf(amps, 2 * n);
                breakBefore = Arrays.copyOf(breakBefore, 2 * n);
            }
            times[n] = timeAmp[0];
            amps[n] = timeAmp[1];
            breakBefore[n] = pendingBreak;
            pendingBreak = false;
            n++;
        }

        /** Reverses pulses [from, n), keeping the segment's break marker on its first pulse. */
        void reverseFrom(int from) {
            boolean brk = from < n && breakBefore[from];
            for (int i = from, j = n - 1; i < j; i++, j--) {
                double t = times[i];
                times[i] = times[j];
                times[j] = t;
                double a = amps[i];
                amps[i] = amps[j];
                amps[j] = a;
            }
            for (int i = from; i < n; i++) {
                breakBefore[i] = false;
            }
            if (from < n) {
                breakBefore[from] = brk;
            } else {
                pendingBreak = pendingBreak || brk;
            }
        }

        GlottalPulses build() {
            double[] periods = new double[Math.max(0, n - 1)];
            for (int i = 0; i + 1 < n; i++) {
                periods[i] = breakBefore[i + 1] ? Double.NaN : times[i + 1] - times[i];
            }
            return new GlottalPulses(Arrays.copyOf(times, n), Arrays.copyOf(amps, n), periods);
        }
    }
}

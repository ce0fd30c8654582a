package org.ser4j.features.voice;

/**
 * Cycle-to-cycle perturbation measures of voiced speech: jitter (period variation) and shimmer (amplitude
 * variation), as Praat's manual defines them ("Voice 2. Jitter", "Voice 3. Shimmer"; Boersma &amp; Weenink).
 *
 * <p>Inputs are the durations and peak amplitudes of consecutive glottal periods, e.g. from
 * {@link GlottalPulses#detect}. Like Praat, a pair of consecutive periods only counts when both periods lie in
 * [{@link #MIN_PERIOD_S}, {@link #MAX_PERIOD_S}] and the longer is at most {@link #MAX_PERIOD_FACTOR} times the
 * shorter (for shimmer the amplitudes at most {@link #MAX_AMPLITUDE_FACTOR} apart): a larger jump is a
 * period-detection error or a voice break, not perturbation. Every method returns NaN when no pair counts.
 */
public final class Perturbation {
    /** Praat's "shortest period" (0.1 ms). */
    public static final double MIN_PERIOD_S = 1e-4;
    /** Praat's "longest period" (20 ms, i.e. F0 down to 50 Hz). */
    public static final double MAX_PERIOD_S = 0.02;
    /** Praat's "maximum period factor". */
    public static final double MAX_PERIOD_FACTOR = 1.3;
    /** Praat's "maximum amplitude factor". */
    public static final double MAX_AMPLITUDE_FACTOR = 1.6;

    private Perturbation() {
    }

    /**
     * Jitter (local): the mean absolute difference between consecutive periods divided by the mean period
     * (Praat: "Voice 2. Jitter", jitter (local)). A fraction, e.g. 0.01 = 1 %.
     *
     * @param periods durations of consecutive periods in seconds, periods[i] from pulse i to pulse i+1
     * @param from    first period to use (inclusive)
     * @param to      last period to use (exclusive)
     */
    public static double jitterLocal(double[] periods, int from, int to) {
        double sumDiff = 0;
        int nDiff = 0;
        double sumPeriod = 0;
        int nPeriod = 0;
        for (int i = from; i < to; i++) {
            if (!validPeriod(periods[i])) {
                continue;
            }
            sumPeriod += periods[i];
            nPeriod++;
            if (i > from && validPair(periods[i - 1], periods[i], MAX_PERIOD_FACTOR)) {
                sumDiff += Math.abs(periods[i] - periods[i - 1]);
                nDiff++;
            }
        }
        return nDiff == 0 ? Double.NaN : (sumDiff / nDiff) / (sumPeriod / nPeriod);
    }

    /** {@link #jitterLocal(double[], int, int)} over the whole array. */
    public static double jitterLocal(double[] periods) {
        return jitterLocal(periods, 0, periods.length);
    }

    /**
     * Shimmer (local): the mean absolute difference between the amplitudes of consecutive periods divided by the
     * mean amplitude (Praat: "Voice 3. Shimmer", shimmer (local)). A fraction.
     *
     * @param amplitudes peak amplitudes (&gt; 0) of consecutive periods
     * @param periods    the periods' durations in seconds (same indexing), used for the validity rules
     */
    public static double shimmerLocal(double[] amplitudes, double[] periods, int from, int to) {
        double sumDiff = 0;
        int nDiff = 0;
        double sumAmp = 0;
        int nAmp = 0;
        for (int i = from; i < to; i++) {
            if (!validPeriod(periods[i]) || !(amplitudes[i] > 0)) {
                continue;
            }
            sumAmp += amplitudes[i];
            nAmp++;
            if (i > from && validShimmerPair(amplitudes, periods, i)) {
                sumDiff += Math.abs(amplitudes[i] - amplitudes[i - 1]);
                nDiff++;
            }
        }
        return nDiff == 0 ? Double.NaN : (sumDiff / nDiff) / (sumAmp / nAmp);
    }

    /**
     * Shimmer (local, dB): the mean absolute base-10 logarithm of the ratio of the amplitudes of consecutive
     * periods, times 20 (Praat: "Voice 3. Shimmer", shimmer (local, dB)).
     */
    public static double shimmerLocalDb(double[] amplitudes, double[] periods, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if (validShimmerPair(amplitudes, periods, i)) {
                sum += Math.abs(20 * Math.log10(amplitudes[i] / amplitudes[i - 1]));
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Jitter (local) per frame, over the periods lying wholly inside a window of {@code windowS} seconds centred
     * on the frame (frame t centred at t * frameStepS); NaN for unvoiced frames and where no pair counts.
     */
    public static double[] jitterTrack(GlottalPulses pulses, boolean[] voiced, double frameStepS, double windowS) {
        return track(pulses, voiced, frameStepS, windowS, false);
    }

    /** Shimmer (local, dB) per frame, windowed like {@link #jitterTrack}. */
    public static double[] shimmerDbTrack(GlottalPulses pulses, boolean[] voiced, double frameStepS,
            double windowS) {
        return track(pulses, voiced, frameStepS, windowS, true);
    }

    private static double[] track(GlottalPulses pulses, boolean[] voiced, double frameStepS, double windowS,
            boolean shimmer) {
        double[] out = new double[voiced.length];
        for (int t = 0; t < voiced.length; t++) {
            out[t] = Double.NaN;
            if (!voiced[t]) {
                continue;
            }
            double centre = t * frameStepS;
            int firstPulse = pulses.firstAtOrAfter(centre - windowS / 2);
            int endPulse = pulses.firstAtOrAfter(centre + windowS / 2);
            // Periods i with both pulses i and i+1 inside the window: firstPulse <= i < endPulse - 1.
            int endPeriod = endPulse - 1;
            if (endPeriod - firstPulse >= 2) {
                out[t] = shimmer
                        ? shimmerLocalDb(pulses.amplitudes(), pulses.periods(), firstPulse, endPeriod)
                        : jitterLocal(pulses.periods(), firstPulse, endPeriod);
            }
        }
        return out;
    }

    private static boolean validShimmerPair(double[] amplitudes, double[] periods, int i) {
        double a0 = amplitudes[i - 1];
        double a1 = amplitudes[i];
        return a0 > 0 && a1 > 0 && validPair(periods[i - 1], periods[i], MAX_PERIOD_FACTOR)
                && Math.max(a0, a1) <= MAX_AMPLITUDE_FACTOR * Math.min(a0, a1);
    }

    private static boolean validPeriod(double p) {
        return p >= MIN_PERIOD_S && p <= MAX_PERIOD_S;
    }

    private static boolean validPair(double p0, double p1, double maxFactor) {
        return validPeriod(p0) && validPeriod(p1) && Math.max(p0, p1) <= maxFactor * Math.min(p0, p1);
    }
}

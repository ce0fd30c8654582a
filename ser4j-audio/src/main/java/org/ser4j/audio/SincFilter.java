package org.ser4j.audio;

import java.util.Locale;
import org.ser4j.dsp.Fir;

/**
 * The right wing of a Kaiser-windowed sinc low-pass filter, tabulated as resampy's
 * {@code filters.sinc_window(num_zeros, precision, window=kaiser(beta), rolloff)} builds it:
 * {@code rolloff * sinc(rolloff * j / 2^precision) * kaiser(2n+1, beta)[n + j]} for
 * {@code j = 0 .. n = num_zeros * 2^precision}.
 *
 * @param name      the res_type it implements ("kaiser_best", "kaiser_fast")
 * @param numZeros  zero crossings kept on each side (num_zeros)
 * @param precision log2 of the table entries per zero crossing (precision)
 * @param beta      Kaiser window shape
 * @param rolloff   cut-off as a fraction of the lower Nyquist frequency
 */
record SincFilter(String name, int numZeros, int precision, double beta, double rolloff) {

    /** resampy's {@code kaiser_best}: 64 zeros, precision 9, beta 14.7697, rolloff 0.9476 (librosa's high-quality choice). */
    static final SincFilter KAISER_BEST = new SincFilter("kaiser_best", 64, 9, 14.769656459379492, 0.9475937167399596);

    /** resampy's {@code kaiser_fast}: 16 zeros, precision 9, beta 8.5555, rolloff 0.85. */
    static final SincFilter KAISER_FAST = new SincFilter("kaiser_fast", 16, 9, 8.555504641634386, 0.85);

    /** The filter for a res_type name. */
    static SincFilter forResType(String resType) {
        return switch (resType == null ? "kaiser_best" : resType.toLowerCase(Locale.ROOT)) {
            case "kaiser_best" -> KAISER_BEST;
            case "kaiser_fast" -> KAISER_FAST;
            default -> throw new IllegalArgumentException("unknown res_type '" + resType
                    + "' (known: kaiser_best, kaiser_fast)");
        };
    }

    /** Table entries per zero crossing, resampy's {@code num_table = 2**precision}. */
    int numTable() {
        return 1 << precision;
    }

    /** The tabulated right wing, {@code num_zeros * num_table + 1} values. */
    double[] halfWindow() {
        int n = numZeros * numTable();
        double[] win = new double[n + 1];
        double i0Beta = Fir.besselI0(beta);
        double step = (double) numZeros / n; // numpy linspace(0, num_zeros, n + 1) step
        for (int j = 0; j <= n; j++) {
            double x = j == n ? numZeros : j * step;
            double r = j / (double) n;
            double taper = Fir.besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
            win[j] = taper * rolloff * sinc(rolloff * x);
        }
        return win;
    }

    /** numpy's normalised sinc, sin(pi x) / (pi x). */
    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double y = Math.PI * x;
        return Math.sin(y) / y;
    }
}

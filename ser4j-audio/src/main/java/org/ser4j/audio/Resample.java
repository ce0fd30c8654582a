package org.ser4j.audio;

/**
 * Band-limited sample-rate conversion, librosa's {@code librosa.resample(y, orig_sr, target_sr, res_type,
 * fix=True, scale=False)} for the resampy filters:
 * <ul>
 *   <li>{@code "kaiser_best"} (default): Kaiser-windowed sinc, 64 zero crossings, 2^9 table entries per crossing,
 *       beta 14.769656459379492, rolloff 0.9475937167399596;</li>
 *   <li>{@code "kaiser_fast"}: 16 zero crossings, precision 9, beta 8.555504641634386, rolloff 0.85.</li>
 * </ul>
 * The output has librosa's length {@code ceil(len(y) * target_sr / orig_sr)}; resampy computes
 * {@code floor(...)} samples and librosa's {@code fix_length} pads the rest with zeros, which is reproduced.
 *
 * <p>Note: {@code librosa.load(path, sr=...)} resamples with {@code res_type='soxr_hq'} (libsoxr) by default,
 * which ser4j does not reproduce exactly: against librosa's soxr_hq output expect differences of the order of
 * 1e-3 peak-relative (see {@code ResampleTest} for the measured figure), while kaiser_best matches resampy to
 * rounding.
 *
 * <p>For long or unbounded input use the stateful {@link Resampler}, which produces the same samples block by
 * block. All methods are thread-safe; filter tables are built once per rate pair and cached.
 */
public final class Resample {
    /** The default res_type, resampy's {@code kaiser_best}. */
    public static final String DEFAULT_RES_TYPE = "kaiser_best";

    private Resample() {
    }

    /**
     * Resamples {@code y} from {@code srIn} to {@code srOut} Hz.
     *
     * @param y       the signal
     * @param srIn    its sample rate (orig_sr, &gt; 0)
     * @param srOut   the target rate (target_sr, &gt; 0)
     * @param resType "kaiser_best" (default when null) or "kaiser_fast"
     * @return a new array of {@code ceil(y.length * srOut / srIn)} samples (a copy when the rates are equal)
     */
    public static double[] resample(double[] y, int srIn, int srOut, String resType) {
        checkRates(srIn, srOut);
        if (srIn == srOut) {
            return y.clone();
        }
        ResampleKernel kernel = ResampleKernel.of(srIn, srOut, SincFilter.forResType(resType));
        long outLength = kernel.outputLength(y.length);
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled signal of " + outLength + " samples is too long for one "
                    + "array; use Resampler to stream it");
        }
        double[] out = new double[(int) outLength];
        long computed = kernel.computedLength(y.length);
        for (int t = 0; t < computed; t++) {
            out[t] = kernel.sample(t, y, 0, y.length);
        }
        return out;
    }

    /** {@link #resample(double[], int, int, String)} with the default {@code kaiser_best}. */
    public static double[] resample(double[] y, int srIn, int srOut) {
        return resample(y, srIn, srOut, DEFAULT_RES_TYPE);
    }

    /** The signal at {@code targetSr} with {@code kaiser_best}; the same instance when it is already at that rate. */
    public static Signal resample(Signal signal, int targetSr) {
        return resample(signal, targetSr, DEFAULT_RES_TYPE);
    }

    /** The signal at {@code targetSr} with the given res_type; the same instance when it is already at that rate. */
    public static Signal resample(Signal signal, int targetSr, String resType) {
        if (signal.sampleRate() == targetSr) {
            return signal;
        }
        double[] y = resample(signal.toDoubles(), signal.sampleRate(), targetSr, resType);
        return Signal.ofDoubles(y, targetSr, signal.source());
    }

    static void checkRates(int srIn, int srOut) {
        if (srIn <= 0 || srOut <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got orig_sr=" + srIn
                    + " target_sr=" + srOut);
        }
    }
}

package org.ser4j.features.cqt;

import java.util.Arrays;
import org.ser4j.audio.Resample;

/**
 * Integer-factor downsampling for the CQT's octaves, librosa's {@code resample(y, orig_sr=factor, target_sr=1,
 * res_type=res_type, scale=True)}: ceil(n / factor) samples, amplitudes divided by sqrt(1 / factor).
 *
 * <p>librosa's default res_type 'soxr_hq' is not available in ser4j; {@link Resample} provides resampy's kaiser
 * filters. One deliberate difference from librosa-with-resampy: resampy computes floor(n / factor) samples and
 * librosa pads the last one with a zero, an artificial step at the end of every odd-length octave that soxr does not
 * make. Here the input is zero-extended to a multiple of the factor first (resampy treats samples beyond the end as
 * zeros anyway), so that last sample is interpolated like every other one.
 */
final class OctaveResampling {
    private OctaveResampling() {
    }

    static double[] downsample(double[] y, int factor, String resType) {
        int rest = y.length % factor;
        double[] x = rest == 0 ? y : Arrays.copyOf(y, y.length + factor - rest);
        double[] out = Resample.resample(x, factor, 1, resType);
        double norm = Math.sqrt(1.0 / factor);
        for (int i = 0; i < out.length; i++) {
            out[i] /= norm;
        }
        return out;
    }
}

package org.ser4j.features.cqt;

import org.ser4j.audio.Resample;

/**
 * Integer-factor downsampling for the CQT's octaves, librosa's {@code resample(y, orig_sr=factor, target_sr=1,
 * res_type=res_type, scale=True)}: ceil(n / factor) samples, amplitudes divided by sqrt(1 / factor). librosa's
 * default res_type 'soxr_hq' is not available in ser4j; {@link Resample} provides resampy's kaiser filters.
 */
final class OctaveResampling {
    private OctaveResampling() {
    }

    static double[] downsample(double[] y, int factor, String resType) {
        double[] out = Resample.resample(y, factor, 1, resType);
        double norm = Math.sqrt(1.0 / factor);
        for (int i = 0; i < out.length; i++) {
            out[i] /= norm;
        }
        return out;
    }
}

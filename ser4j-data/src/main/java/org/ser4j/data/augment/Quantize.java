package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * Uniform quantisation without dither to a bit depth drawn uniformly (whole bits) from [minBits, maxBits], as
 * storing the clip as integer PCM does: sample x becomes round(x * 2^(b-1)) / 2^(b-1), clipped to the b-bit range
 * [-1, 1 - 2^(1-b)]. A b-bit output holds at most 2^b distinct values.
 *
 * @param minBits lowest bit depth (&ge; 2)
 * @param maxBits highest bit depth (&le; 24)
 */
public record Quantize(int minBits, int maxBits) implements WaveformAugmentation {
    /** Bit depths accepted. */
    public static final int MIN_BITS = 2;
    public static final int MAX_BITS = 24;

    public Quantize {
        if (!(minBits >= MIN_BITS && minBits <= maxBits && maxBits <= MAX_BITS)) {
            throw new IllegalArgumentException("quantisation bits must satisfy " + MIN_BITS + " <= min <= max <= "
                    + MAX_BITS + ", got " + minBits + ".." + maxBits);
        }
    }

    @Override
    public String name() {
        return "quantize";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        int bits = minBits + random.nextInt(maxBits - minBits + 1);
        return new Applied(new Signal(quantize(signal.samples(), bits), signal.sampleRate(), signal.source()),
                String.format(Locale.ROOT, "quantize %d bits", bits));
    }

    /** {@code x} quantised to {@code bits}-bit integer PCM and scaled back to [-1, 1). */
    public static float[] quantize(float[] x, int bits) {
        double scale = Math.scalb(1.0, bits - 1);
        double lo = -scale;
        double hi = scale - 1;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double q = Math.rint(x[i] * scale);
            out[i] = (float) (Math.max(lo, Math.min(hi, q)) / scale);
        }
        return out;
    }
}

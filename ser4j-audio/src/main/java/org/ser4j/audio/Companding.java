package org.ser4j.audio;

/**
 * ITU-T G.711 companding round trips: each sample is coded as an 8-bit mu-law or A-law code and decoded again,
 * which is what a G.711 telephone channel does to linear audio. Input in [-1, 1] is taken on the int16 scale
 * (times 32768); the encoder is the standard one (sign, 3-bit segment, 4-bit mantissa, each reconstruction level
 * in the middle of its decision interval; magnitudes beyond the last segment saturate), and the decoded values are
 * the levels {@link G711} decodes codes to, as libsndfile and sox do (mu-law peaks at +-32124, A-law at +-32256).
 * On non-negative int16 input this gives exactly the codes of the CCITT/Sun reference {@code g711.c}; on negative
 * input, which the reference first shifts towards minus infinity, it is its mirror image. Thread-safe.
 */
public final class Companding {
    private Companding() {
    }

    /** {@code x} through a G.711 mu-law encoder and decoder. */
    public static float[] muLaw(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double magnitude = muLawLevel(Math.abs(x[i] * 32768.0));
            // 0 is the one mu-law level without a sign: keep it +0 so that equal levels are equal floats
            out[i] = (float) ((x[i] < 0 && magnitude > 0 ? -magnitude : magnitude) / 32768.0);
        }
        return out;
    }

    /** {@code x} through a G.711 A-law encoder and decoder. */
    public static float[] aLaw(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double magnitude = aLawLevel(Math.abs(x[i] * 32768.0));
            out[i] = (float) ((x[i] < 0 ? -magnitude : magnitude) / 32768.0);
        }
        return out;
    }

    /**
     * The mu-law level (int16 scale) for magnitude a: with the bias, t = a + 132 lies in segment s when
     * 2^(s+7) &le; t &lt; 2^(s+8), the mantissa is the step of width 2^(s+3) it falls in, and the level is the
     * middle of that step, (8m + 132) 2^s - 132.
     */
    static double muLawLevel(double a) {
        double t = a + 132;
        int segment = Math.min(7, Math.max(0, Math.getExponent(t) - 7));
        int mantissa = (int) Math.min(15, Math.floor(Math.scalb(t, -(segment + 3))) - 16);
        return Math.scalb(8.0 * mantissa + 132, segment) - 132;
    }

    /**
     * The A-law level (int16 scale) for magnitude a: on the 13-bit scale v = a / 8, segment 0 is v &lt; 32 with
     * steps of 2, segment s &ge; 1 is 2^(s+4) &le; v &lt; 2^(s+5) with steps of 2^s; levels are the middles of
     * the steps, 16m + 8 in segment 0 and (16m + 264) 2^(s-1) above.
     */
    static double aLawLevel(double a) {
        double v = a / 8;
        int segment = v < 32 ? 0 : Math.min(7, Math.getExponent(v) - 4);
        int shift = segment < 2 ? 1 : segment;
        int mantissa = (int) Math.min(15, Math.floor(Math.scalb(v, -shift)) - (segment == 0 ? 0 : 16));
        return segment == 0 ? 16.0 * mantissa + 8 : Math.scalb(16.0 * mantissa + 264, segment - 1);
    }
}

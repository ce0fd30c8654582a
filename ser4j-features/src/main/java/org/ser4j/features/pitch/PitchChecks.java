package org.ser4j.features.pitch;

/** Argument checks and small numeric helpers shared by YIN and pYIN. */
final class PitchChecks {
    private static final double INV_LN2 = 1.0 / Math.log(2.0);

    private PitchChecks() {
    }

    static void requireFrameParams(int frameLength, int hopLength) {
        if (frameLength < 3 || hopLength < 1) {
            throw new IllegalArgumentException("frame_length must be at least 3 and hop_length at least 1, got "
                    + frameLength + " / " + hopLength);
        }
    }

    /** librosa's feasibility checks on the search range: 0 &lt; fmin &lt; fmax &le; sr/2. */
    static void requireRange(double fmin, double fmax, double sr) {
        if (!(fmin > 0)) {
            throw new IllegalArgumentException("fmin=" + fmin + " must be strictly positive");
        }
        if (!(fmin < fmax)) {
            throw new IllegalArgumentException("fmin=" + fmin + " must be less than fmax=" + fmax);
        }
        if (fmax > sr / 2) {
            throw new IllegalArgumentException("fmax=" + fmax + " cannot exceed the Nyquist frequency " + sr / 2);
        }
    }

    /**
     * log2(x) split into exponent and mantissa, so that exact powers of two (and their neighbours) come out as
     * numpy's correctly rounded log2 does; bin counts like floor(120 * log2(C7 / C2)) depend on it.
     */
    static double log2(double x) {
        int e = Math.getExponent(x);
        if (e < Double.MIN_EXPONENT || Double.isNaN(x) || Double.isInfinite(x) || x <= 0) {
            return Math.log(x) * INV_LN2;
        }
        double m = Math.scalb(x, -e);
        return e + Math.log(m) * INV_LN2;
    }
}

package org.ser4j.features.voice;

/**
 * Levels of F0's harmonics in a power spectrum, for the eGeMAPS harmonic differences (Eyben et al. 2016,
 * section 3.1.3): H1−H2, H1−A3 and the formant amplitudes relative to F0. The level of harmonic h is the largest
 * bin within &plusmn;{@link #SEARCH_FRACTION}·F0 of h·F0, so a slightly wrong F0 still finds the peak, and two
 * harmonics' search ranges never overlap. All ratios are in dB and NaN when F0 (or a formant) is not finite.
 */
public final class HarmonicAmplitudes {
    /** Half-width of the search range around a harmonic, as a fraction of F0. */
    public static final double SEARCH_FRACTION = 0.2;
    /** Half-width of the "third formant range" of A3, as a fraction of F3. */
    public static final double FORMANT_RANGE_FRACTION = 0.1;

    private HarmonicAmplitudes() {
    }

    /** Power of harmonic {@code h} (1 = the fundamental): the largest bin near h·F0. */
    public static double harmonicPower(double[] power, double binHz, double f0, int h) {
        double centre = h * f0;
        int lo = Math.max(0, (int) Math.ceil((centre - SEARCH_FRACTION * f0) / binHz));
        int hi = Math.min(power.length - 1, (int) Math.floor((centre + SEARCH_FRACTION * f0) / binHz));
        if (lo > hi) {
            // The range falls between two bins: take the nearest bin.
            int k = (int) Math.round(centre / binHz);
            return k < power.length ? Math.max(power[k], SpectralBalance.POWER_FLOOR) : SpectralBalance.POWER_FLOOR;
        }
        double m = 0;
        for (int k = lo; k <= hi; k++) {
            m = Math.max(m, power[k]);
        }
        return Math.max(m, SpectralBalance.POWER_FLOOR);
    }

    /** H1−H2: level of the first harmonic relative to the second, dB (eGeMAPS logRelF0-H1-H2). */
    public static double h1MinusH2Db(double[] power, double binHz, double f0) {
        if (!(f0 > 0)) {
            return Double.NaN;
        }
        return db(harmonicPower(power, binHz, f0, 1) / harmonicPower(power, binHz, f0, 2));
    }

    /**
     * H1−A3: level of the first harmonic relative to the strongest harmonic in the third formant's range
     * (F3 &plusmn; {@link #FORMANT_RANGE_FRACTION}·F3; the harmonic nearest F3 if none lies in it), dB
     * (eGeMAPS logRelF0-H1-A3).
     */
    public static double h1MinusA3Db(double[] power, double binHz, double f0, double f3) {
        if (!(f0 > 0) || !(f3 > 0)) {
            return Double.NaN;
        }
        int hLo = Math.max(1, (int) Math.ceil(f3 * (1 - FORMANT_RANGE_FRACTION) / f0));
        int hHi = (int) Math.floor(f3 * (1 + FORMANT_RANGE_FRACTION) / f0);
        double a3 = 0;
        for (int h = hLo; h <= hHi; h++) {
            a3 = Math.max(a3, harmonicPower(power, binHz, f0, h));
        }
        if (hLo > hHi) {
            a3 = harmonicPower(power, binHz, f0, nearestHarmonic(f0, f3));
        }
        return db(harmonicPower(power, binHz, f0, 1) / a3);
    }

    /**
     * Level of the harmonic nearest a formant relative to the first harmonic, dB (eGeMAPS FnamplitudeLogRelF0:
     * "ratio of the energy of the spectral harmonic peak at the formant's centre frequency to the energy of the
     * spectral peak at F0").
     */
    public static double formantRelativeToH1Db(double[] power, double binHz, double f0, double formantHz) {
        if (!(f0 > 0) || !(formantHz > 0)) {
            return Double.NaN;
        }
        return db(harmonicPower(power, binHz, f0, nearestHarmonic(f0, formantHz))
                / harmonicPower(power, binHz, f0, 1));
    }

    private static int nearestHarmonic(double f0, double hz) {
        return Math.max(1, (int) Math.round(hz / f0));
    }

    private static double db(double ratio) {
        return 10 * Math.log10(ratio);
    }
}

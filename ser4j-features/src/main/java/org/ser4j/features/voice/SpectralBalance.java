package org.ser4j.features.voice;

/**
 * Spectral-balance descriptors of one frame's power spectrum, as the eGeMAPS paper defines them (Eyben et al.,
 * "The Geneva Minimalistic Acoustic Parameter Set (GeMAPS) for Voice Research and Affective Computing", IEEE
 * Trans. Affective Computing 7(2), 2016, section 3.1). Input: |X[k]|² for bins k = 0 .. n_fft/2 with bin width
 * {@code binHz} = sr / n_fft. A band [lo, hi) holds the bins whose centre frequency f satisfies lo &le; f &lt; hi.
 * Band powers are floored at {@link #POWER_FLOOR} so digital silence gives finite values (0 dB ratios).
 */
public final class SpectralBalance {
    /** Floor for band powers and bin powers before taking logarithms. */
    public static final double POWER_FLOOR = 1e-20;

    private SpectralBalance() {
    }

    /**
     * Alpha ratio in dB: the level of the 1–5 kHz band relative to the 50–1000 Hz band,
     * 10·log10(E[1000, 5000) / E[50, 1000)). eGeMAPS: "ratio of the summed energy from 50–1000 Hz and 1–5 kHz";
     * the high/low orientation is Frøkjær-Jensen &amp; Prytz's (1976) alpha and gives the negative values of typical
     * speech that published eGeMAPS tables show; it rises with vocal effort.
     */
    public static double alphaRatioDb(double[] power, double binHz) {
        return 10 * Math.log10(bandSum(power, binHz, 1000, 5000) / bandSum(power, binHz, 50, 1000));
    }

    /**
     * Hammarberg index in dB: the strongest bin in 0–2 kHz relative to the strongest in 2–5 kHz,
     * 10·log10(max P[0, 2000) / max P[2000, 5000)) (Hammarberg et al. 1980; eGeMAPS). Falls with vocal effort.
     */
    public static double hammarbergIndexDb(double[] power, double binHz) {
        return 10 * Math.log10(bandMax(power, binHz, 0, 2000) / bandMax(power, binHz, 2000, 5000));
    }

    /**
     * Spectral slope in dB/Hz: the least-squares regression slope of the log power spectrum 10·log10(P) against
     * frequency over the bins in [lo, hi] (eGeMAPS: "linear regression slope of the logarithmic power spectrum
     * within the two given bands", 0–500 Hz and 500–1500 Hz). NaN if fewer than two bins lie in the band.
     */
    public static double slopeDbPerHz(double[] power, double binHz, double lo, double hi) {
        int k0 = (int) Math.ceil(lo / binHz);
        int k1 = Math.min(power.length - 1, (int) Math.floor(hi / binHz));
        int n = k1 - k0 + 1;
        if (n < 2) {
            return Double.NaN;
        }
        double sumF = 0;
        double sumL = 0;
        double sumFF = 0;
        double sumFL = 0;
        for (int k = k0; k <= k1; k++) {
            double f = k * binHz;
            double level = 10 * Math.log10(Math.max(power[k], POWER_FLOOR));
            sumF += f;
            sumL += level;
            sumFF += f * f;
            sumFL += f * level;
        }
        return (n * sumFL - sumF * sumL) / (n * sumFF - sumF * sumF);
    }

    /**
     * Spectral flux: the sum over bins of the squared difference between two consecutive frames' magnitude
     * spectra, &Sigma;(|X_t[k]| − |X_{t−1}[k]|)² (eGeMAPS: "difference of the spectra of two consecutive
     * frames"). Depends on the signal level, like loudness.
     *
     * @param previousMagnitude |X_{t−1}[k]|
     * @param magnitude         |X_t[k]|
     */
    public static double flux(double[] previousMagnitude, double[] magnitude) {
        double s = 0;
        for (int k = 0; k < magnitude.length; k++) {
            double d = magnitude[k] - previousMagnitude[k];
            s += d * d;
        }
        return s;
    }

    /** Sum of the bins in [lo, hi), floored. */
    static double bandSum(double[] power, double binHz, double lo, double hi) {
        double s = 0;
        for (int k = firstBin(lo, binHz); k < power.length && k * binHz < hi; k++) {
            s += power[k];
        }
        return Math.max(s, POWER_FLOOR);
    }

    /** Largest bin in [lo, hi), floored. */
    static double bandMax(double[] power, double binHz, double lo, double hi) {
        double m = 0;
        for (int k = firstBin(lo, binHz); k < power.length && k * binHz < hi; k++) {
            m = Math.max(m, power[k]);
        }
        return Math.max(m, POWER_FLOOR);
    }

    private static int firstBin(double lo, double binHz) {
        return (int) Math.ceil(lo / binHz);
    }
}

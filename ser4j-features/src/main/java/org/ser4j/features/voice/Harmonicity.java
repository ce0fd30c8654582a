package org.ser4j.features.voice;

import org.ser4j.dsp.Fft;

/**
 * Harmonics-to-noise ratio by the autocorrelation method of Boersma (1993), "Accurate short-term analysis of the
 * fundamental frequency and the harmonics-to-noise ratio of a sampled sound", IFA Proceedings 17, and Praat's
 * "Sound: To Harmonicity (ac)".
 *
 * <p>For a windowed frame x·w, the normalised autocorrelation of the underlying signal is estimated as
 * r_x(&tau;) &asymp; r_xw(&tau;) / r_w(&tau;) (Boersma's eq. 9: dividing by the window's own normalised
 * autocorrelation undoes the window's taper). Its highest peak r_max in the lag range of plausible periods,
 * refined by parabolic interpolation, is the fraction of harmonic power, so HNR = 10·log10(r_max / (1 − r_max))
 * dB (eq. 4). A clean periodic tone gives a high HNR (r &rarr; 1), a frame with equal harmonic and noise power
 * 0 dB, and white noise a negative value. r is clamped to [{@link #R_FLOOR}, 1 − {@link #R_FLOOR}], so HNR lies
 * within &plusmn;100 dB. (Boersma also subtracts the frame mean first; here the frames come from the shared STFT
 * without it, which matters only for signals with a DC offset.)
 *
 * <p>Autocorrelations come from power spectra: the inverse FFT of |X|² is the autocorrelation, free of circular
 * wrap-around for lags below n_fft − window length, so n_fft must be at least window length + the longest lag.
 */
public final class Harmonicity {
    /** Clamp of the harmonic fraction r, giving HNR within &plusmn;100 dB. */
    public static final double R_FLOOR = 1e-10;

    private Harmonicity() {
    }

    /**
     * Autocorrelation (lags 0 .. n_fft-1, unnormalised) of a frame from its power spectrum, by inverse FFT.
     *
     * @param power  |X[k]|² for k = 0 .. n_fft/2
     * @param output receives the autocorrelation; its length is n_fft (a power of two, or any size JTransforms
     *               accepts)
     */
    public static void autocorrelationFromPower(double[] power, double[] output) {
        int n = output.length;
        output[0] = power[0];
        output[1] = power[n / 2];
        for (int k = 1; k < n / 2; k++) {
            output[2 * k] = power[k];
            output[2 * k + 1] = 0;
        }
        Fft.plan(n).realInverse(output, true);
    }

    /**
     * The normalised autocorrelation of a window, r_w(&tau;) / r_w(0), lags 0 .. maxLag.
     *
     * @param window the analysis window, zero-padded to n_fft as the STFT uses it
     */
    public static double[] windowAutocorrelation(double[] window, int maxLag) {
        double[] r = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = 0; i + lag < window.length; i++) {
                s += window[i] * window[i + lag];
            }
            r[lag] = s;
        }
        double r0 = r[0];
        for (int lag = 0; lag <= maxLag; lag++) {
            r[lag] /= r0;
        }
        return r;
    }

    /**
     * The harmonic fraction r_max of one frame: the highest window-corrected normalised autocorrelation peak in
     * the lag range, parabolically interpolated (Boersma 1993, eqs. 9 and 11). Praat calls a frame voiced when it
     * exceeds its voicing threshold, 0.45.
     *
     * @param acf       the frame's autocorrelation (from {@link #autocorrelationFromPower}), lags 0 .. maxLag+1
     * @param windowAcf the window's normalised autocorrelation ({@link #windowAutocorrelation}), lags 0 .. maxLag+1
     * @param minLag    shortest period considered, samples (sr / f0max)
     * @param maxLag    longest period considered, samples (sr / f0min); at most half the window length, where
     *                  Boersma's correction is still reliable
     * @return r_max, 0 for a silent frame
     */
    public static double harmonicFraction(double[] acf, double[] windowAcf, int minLag, int maxLag) {
        if (!(acf[0] > 0)) {
            return 0;
        }
        int best = -1;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int lag = Math.max(1, minLag); lag <= maxLag; lag++) {
            double r = corrected(acf, windowAcf, lag);
            if (r > bestR) {
                bestR = r;
                best = lag;
            }
        }
        if (best < 0) {
            return 0;
        }
        if (best > 1) {
            // Parabola through the peak and its neighbours gives the interpolated maximum.
            double a = corrected(acf, windowAcf, best - 1);
            double b = corrected(acf, windowAcf, best + 1);
            double curvature = a - 2 * bestR + b;
            if (curvature < 0) {
                double delta = 0.5 * (a - b) / curvature;
                bestR = bestR - 0.25 * (a - b) * delta;
            }
        }
        return bestR;
    }

    /** HNR in dB of one frame: {@link #rToDb} of {@link #harmonicFraction}; -100 dB for a silent frame. */
    public static double hnrDb(double[] acf, double[] windowAcf, int minLag, int maxLag) {
        return rToDb(harmonicFraction(acf, windowAcf, minLag, maxLag));
    }

    private static double corrected(double[] acf, double[] windowAcf, int lag) {
        return acf[lag] / acf[0] / windowAcf[lag];
    }

    /** 10·log10(r / (1 − r)) with r clamped to [R_FLOOR, 1 − R_FLOOR]. */
    public static double rToDb(double r) {
        double c = Math.min(1 - R_FLOOR, Math.max(R_FLOOR, r));
        return 10 * Math.log10(c / (1 - c));
    }
}

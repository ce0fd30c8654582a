package org.ser4j.features.pitch;

import org.ser4j.features.Params;

/**
 * Parameters of {@link Pyin#pyin}, with librosa 0.11's names and defaults ({@code librosa.pyin(y, fmin, fmax, sr,
 * frame_length=2048, hop_length=None, n_thresholds=100, beta_parameters=(2, 18), boltzmann_parameter=2,
 * resolution=0.1, max_transition_rate=35.92, switch_prob=0.01, no_trough_prob=0.01, fill_na=np.nan, center=True,
 * pad_mode='constant')}). As in librosa 0.11, {@code win_length} is gone: the difference function spans the frame.
 *
 * @param fmin               lowest frequency searched, Hz (fmin; librosa recommends C2 = 65.4 Hz)
 * @param fmax               highest frequency searched, Hz, at most sr/2 (fmax; librosa recommends C7 = 2093 Hz)
 * @param frameLength        samples per analysis frame (frame_length)
 * @param hopLength          samples between frames (hop_length; librosa's None means frame_length // 4)
 * @param nThresholds        number of YIN thresholds in (0, 1] the beta prior is spread over (n_thresholds)
 * @param betaA              first shape parameter of the beta prior over thresholds (beta_parameters[0])
 * @param betaB              second shape parameter of the beta prior over thresholds (beta_parameters[1])
 * @param boltzmannParameter Boltzmann prior over troughs; larger favours shorter periods (boltzmann_parameter)
 * @param resolution         pitch-bin width in semitones; 0.1 = 10 cents (resolution)
 * @param maxTransitionRate  fastest pitch change the HMM allows, octaves per second (max_transition_rate)
 * @param switchProb         probability of switching between voiced and unvoiced per frame (switch_prob)
 * @param noTroughProb       probability mass given to the global minimum when no trough is below a threshold
 *                           (no_trough_prob)
 * @param fillNa             f0 of unvoiced frames; {@code null} keeps the decoder's best guess (fill_na)
 * @param center             pad frame_length // 2 on both sides so frame t is centred on sample t * hop (center)
 * @param padMode            padding when centred: "constant" (zeros), "edge" or "reflect" (pad_mode)
 */
public record PyinParams(double fmin, double fmax, int frameLength, int hopLength, int nThresholds, double betaA,
        double betaB, double boltzmannParameter, double resolution, double maxTransitionRate, double switchProb,
        double noTroughProb, Double fillNa, boolean center, String padMode) {

    /** librosa's recommended search range for pyin: C2 (65.41 Hz) .. C7 (2093.0 Hz). */
    public static final double C2_HZ = 440.0 * Math.pow(2.0, (36 - 69) / 12.0);
    public static final double C7_HZ = 440.0 * Math.pow(2.0, (96 - 69) / 12.0);

    public PyinParams {
        PitchChecks.requireFrameParams(frameLength, hopLength);
        if (nThresholds < 1) {
            throw new IllegalArgumentException("n_thresholds must be at least 1, got " + nThresholds);
        }
        if (!(resolution > 0 && resolution < 1)) {
            throw new IllegalArgumentException("resolution must be in (0, 1), got " + resolution);
        }
        if (!(switchProb > 0 && switchProb < 1) || !(noTroughProb > 0 && noTroughProb < 1)) {
            throw new IllegalArgumentException("switch_prob and no_trough_prob must be in (0, 1)");
        }
        if (!(maxTransitionRate > 0) || !(boltzmannParameter > 0) || !(betaA > 0) || !(betaB > 0)) {
            throw new IllegalArgumentException("max_transition_rate, boltzmann_parameter and beta_parameters"
                    + " must be positive");
        }
    }

    /** librosa's defaults for a frequency range: frame_length 2048, hop 512, fill_na NaN, centred, zero padding. */
    public static PyinParams of(double fmin, double fmax) {
        return new PyinParams(fmin, fmax, 2048, 2048 / 4, 100, 2, 18, 2, 0.1, 35.92, 0.01, 0.01, Double.NaN, true,
                "constant");
    }

    /**
     * From librosa-named parameters (fmin, fmax, frame_length, hop_length, n_thresholds, beta_parameters as
     * "(a, b)", boltzmann_parameter, resolution, max_transition_rate, switch_prob, no_trough_prob, fill_na as a
     * number, nan or None, center, pad_mode). librosa requires fmin and fmax; absent, they default to its
     * recommended C2 (65.41 Hz) and C7 (2093 Hz). win_length is accepted and ignored, as librosa 0.11 deprecates it.
     */
    public static PyinParams from(Params p) {
        int frameLength = p.getInt("frame_length", 2048);
        Integer hop = p.getIntOrNull("hop_length", null);
        p.getString("win_length", null);
        double[] beta = {2, 18};
        String betaText = p.getString("beta_parameters", null);
        if (betaText != null) {
            String[] parts = betaText.replaceAll("[()\\[\\]\\s]", "").split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("beta_parameters=" + betaText + " is not a pair like (2, 18)");
            }
            beta = new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
        }
        String fillText = p.getString("fill_na", null); // null when absent or None
        Double fill = Double.NaN;
        if (fillText == null && p.asMap().containsKey("fill_na")) {
            fill = null; // fill_na=None: unvoiced frames keep the decoder's best guess
        } else if (fillText != null && !unquote(fillText).replace("np.", "").equalsIgnoreCase("nan")) {
            fill = Double.parseDouble(fillText);
        }
        return new PyinParams(p.getDouble("fmin", C2_HZ), p.getDouble("fmax", C7_HZ), frameLength,
                hop == null ? frameLength / 4 : hop, p.getInt("n_thresholds", 100), beta[0], beta[1],
                p.getDouble("boltzmann_parameter", 2), p.getDouble("resolution", 0.1),
                p.getDouble("max_transition_rate", 35.92), p.getDouble("switch_prob", 0.01),
                p.getDouble("no_trough_prob", 0.01), fill, p.getBool("center", true),
                unquote(p.getString("pad_mode", "constant")));
    }

    /** A string parameter without the quotes a Python-style value may carry ('constant' -&gt; constant). */
    static String unquote(String v) {
        return v.replace("'", "").replace("\"", "").trim();
    }

    /** The same parameters with another frame_length and hop_length. */
    public PyinParams withFrames(int frameLength, int hopLength) {
        return new PyinParams(fmin, fmax, frameLength, hopLength, nThresholds, betaA, betaB, boltzmannParameter,
                resolution, maxTransitionRate, switchProb, noTroughProb, fillNa, center, padMode);
    }

    /** The same parameters with another pitch-bin width in semitones (resolution). */
    public PyinParams withResolution(double newResolution) {
        return new PyinParams(fmin, fmax, frameLength, hopLength, nThresholds, betaA, betaB, boltzmannParameter,
                newResolution, maxTransitionRate, switchProb, noTroughProb, fillNa, center, padMode);
    }

    /** The same parameters with another fill_na ({@code null}: keep the best guess in unvoiced frames). */
    public PyinParams withFillNa(Double fill) {
        return new PyinParams(fmin, fmax, frameLength, hopLength, nThresholds, betaA, betaB, boltzmannParameter,
                resolution, maxTransitionRate, switchProb, noTroughProb, fill, center, padMode);
    }

    /** Pitch bins per semitone, {@code ceil(1 / resolution)}. */
    public int binsPerSemitone() {
        return (int) Math.ceil(1.0 / resolution);
    }

    /** Number of voiced pitch states, {@code floor(12 * bins_per_semitone * log2(fmax / fmin)) + 1}. */
    public int nPitchBins() {
        return (int) Math.floor(12 * binsPerSemitone() * PitchChecks.log2(fmax / fmin)) + 1;
    }
}

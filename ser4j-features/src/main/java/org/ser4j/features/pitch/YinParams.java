package org.ser4j.features.pitch;

import org.ser4j.features.Params;

/**
 * Parameters of {@link Yin#yin}, with librosa 0.11's names and defaults
 * ({@code librosa.yin(y, fmin, fmax, sr, frame_length=2048, hop_length=None, trough_threshold=0.1, center=True,
 * pad_mode='constant')}). librosa 0.11 deprecates and ignores {@code win_length}: the difference function spans the
 * whole frame, so it has no counterpart here.
 *
 * @param fmin            lowest frequency searched, Hz (fmin; librosa recommends C2 = 65.4 Hz)
 * @param fmax            highest frequency searched, Hz, at most sr/2 (fmax; librosa recommends C7 = 2093 Hz)
 * @param frameLength     samples per analysis frame (frame_length)
 * @param hopLength       samples between frames (hop_length; librosa's None means frame_length // 4)
 * @param troughThreshold absolute threshold on the normalised difference function (trough_threshold)
 * @param center          pad frame_length // 2 on both sides so frame t is centred on sample t * hop (center)
 * @param padMode         padding when centred: "constant" (zeros), "edge" or "reflect" (pad_mode)
 */
public record YinParams(double fmin, double fmax, int frameLength, int hopLength, double troughThreshold,
        boolean center, String padMode) {

    public YinParams {
        PitchChecks.requireFrameParams(frameLength, hopLength);
    }

    /** librosa's defaults for a frequency range: frame_length 2048, hop 512, threshold 0.1, centred, zero padding. */
    public static YinParams of(double fmin, double fmax) {
        return new YinParams(fmin, fmax, 2048, 2048 / 4, 0.1, true, "constant");
    }

    /**
     * From librosa-named parameters (fmin, fmax, frame_length, hop_length, trough_threshold, center, pad_mode).
     * librosa requires fmin and fmax; absent, they default to its recommended C2 (65.41 Hz) and C7 (2093 Hz).
     * win_length is accepted and ignored, as librosa 0.11 deprecates it.
     */
    public static YinParams from(Params p) {
        int frameLength = p.getInt("frame_length", 2048);
        Integer hop = p.getIntOrNull("hop_length", null);
        p.getString("win_length", null);
        return new YinParams(p.getDouble("fmin", PyinParams.C2_HZ), p.getDouble("fmax", PyinParams.C7_HZ), frameLength,
                hop == null ? frameLength / 4 : hop, p.getDouble("trough_threshold", 0.1), p.getBool("center", true),
                PyinParams.unquote(p.getString("pad_mode", "constant")));
    }

    /** The same parameters with another frame_length and hop_length. */
    public YinParams withFrames(int frameLength, int hopLength) {
        return new YinParams(fmin, fmax, frameLength, hopLength, troughThreshold, center, padMode);
    }
}

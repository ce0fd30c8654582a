package org.ser4j.features.wavelet;

import org.ser4j.features.Params;

/**
 * Parameters of the frame feature {@code dwt} ({@link DwtFrames}), with the framing names and defaults of the
 * other frame features ({@code rms}, {@code zero_crossing_rate}).
 *
 * @param wavelet     Daubechies wavelet, {@code wavelet} (default {@code db4}; db1..db20, haar)
 * @param level       decomposition levels per frame, {@code level} (default 5); at most
 *                    {@code pywt.dwt_max_level(frame_length, wavelet)}, since every frame has that length
 * @param frameLength samples per frame, {@code frame_length} (default 2048)
 * @param hopLength   samples between frame starts, {@code hop_length} (default 512)
 * @param center      pad {@code frame_length / 2} on both sides first, {@code center} (default true)
 * @param padMode     padding for {@code center}: constant (zeros, default), edge or reflect ({@code pad_mode})
 */
public record DwtParams(Wavelet wavelet, int level, int frameLength, int hopLength, boolean center, String padMode) {

    /** The defaults: db4, level 5, frames of 2048 every 512 samples, centred with zero padding. */
    public static final DwtParams DEFAULT = new DwtParams(Wavelet.of(WaveletStatistics.DEFAULT_WAVELET),
            WaveletStatistics.DEFAULT_LEVEL, 2048, 512, true, "constant");

    public DwtParams {
        if (wavelet == null) {
            throw new IllegalArgumentException("dwt needs a wavelet");
        }
        if (frameLength <= 0 || hopLength <= 0) {
            throw new IllegalArgumentException("dwt frame_length and hop_length must be positive, got frame_length="
                    + frameLength + " hop_length=" + hopLength);
        }
        if (level < 1) {
            throw new IllegalArgumentException("dwt level must be at least 1, got " + level);
        }
        int max = Dwt.maxLevel(frameLength, wavelet);
        if (level > max) {
            throw new IllegalArgumentException("dwt level=" + level + " is too deep for frame_length=" + frameLength
                    + " and " + wavelet + " (pywt.dwt_max_level gives " + max + ")");
        }
        if (!padMode.equals("constant") && !padMode.equals("edge") && !padMode.equals("reflect")) {
            throw new IllegalArgumentException("dwt pad_mode '" + padMode + "' is unknown (known: constant, edge, "
                    + "reflect)");
        }
    }

    /** Reads wavelet, level, frame_length, hop_length, center, pad_mode with the defaults above. */
    public static DwtParams from(Params p) {
        return new DwtParams(Wavelet.of(p.getString("wavelet", DEFAULT.wavelet.name()).replace("'", "")),
                p.getInt("level", DEFAULT.level), p.getInt("frame_length", DEFAULT.frameLength),
                p.getInt("hop_length", DEFAULT.hopLength), p.getBool("center", DEFAULT.center),
                p.getString("pad_mode", DEFAULT.padMode).replace("'", ""));
    }
}

package org.ser4j.data.augment;

/** The kinds of noise {@link AdditiveNoise} mixes in. */
public enum NoiseType {
    /** Gaussian noise with a flat spectrum. */
    WHITE,
    /** Noise whose power falls 3 dB per octave (equal power in every octave), closer to many real rooms. */
    PINK,
    /** Background recorded in the quiet stretches of other clips ({@link NoiseBank}). */
    REAL;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

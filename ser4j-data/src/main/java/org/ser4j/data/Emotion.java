package org.ser4j.data;

import java.util.Locale;

/**
 * The harmonised emotion vocabulary every corpus maps into. Which of these a model predicts, and how the others
 * fold into them (calm to neutral, ...), is a {@link LabelMap}'s job.
 */
public enum Emotion {
    NEUTRAL, CALM, HAPPY, SAD, ANGRY, FEARFUL, DISGUST, SURPRISED, BOREDOM;

    /** The label as printed and serialised: lower case, e.g. {@code fearful}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a harmonised label (case-insensitive), e.g. {@code "Angry"}. */
    public static Emotion parse(String label) {
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown emotion '" + label + "' (known: neutral, calm, happy, sad, "
                    + "angry, fearful, disgust, surprised, boredom)");
        }
    }

    @Override
    public String toString() {
        return label();
    }
}

package org.ser4j.data;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The harmonised emotion vocabulary every corpus maps into. Which of these a model predicts, and how the others
 * fold into them (calm to neutral, ...), is a {@link org.ser4j.data.labels.LabelMap}'s job.
 */
public enum Emotion {
    NEUTRAL, CALM, HAPPY, SAD, ANGRY, FEARFUL, DISGUST, SURPRISED, BOREDOM;

    /**
     * Everyday words and corpus spellings for each emotion, as found in folder names and CSV label columns (e.g.
     * TESS's {@code fear} and {@code ps} = pleasant surprise, "anger", "happiness", "joy"). Keys are lower case
     * with spaces and hyphens turned into underscores.
     */
    private static final Map<String, Emotion> WORDS = Map.ofEntries(
            Map.entry("neutral", NEUTRAL), Map.entry("neu", NEUTRAL),
            Map.entry("calm", CALM),
            Map.entry("happy", HAPPY), Map.entry("happiness", HAPPY), Map.entry("joy", HAPPY),
            Map.entry("hap", HAPPY),
            Map.entry("sad", SAD), Map.entry("sadness", SAD),
            Map.entry("angry", ANGRY), Map.entry("anger", ANGRY), Map.entry("ang", ANGRY),
            Map.entry("fearful", FEARFUL), Map.entry("fear", FEARFUL), Map.entry("fea", FEARFUL),
            Map.entry("afraid", FEARFUL),
            Map.entry("disgust", DISGUST), Map.entry("disgusted", DISGUST), Map.entry("dis", DISGUST),
            Map.entry("surprised", SURPRISED), Map.entry("surprise", SURPRISED), Map.entry("ps", SURPRISED),
            Map.entry("pleasant_surprise", SURPRISED), Map.entry("pleasant_surprised", SURPRISED),
            Map.entry("boredom", BOREDOM), Map.entry("bored", BOREDOM));

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

    /**
     * Reads a label written the way people and corpora write them: the harmonised labels plus common words and
     * spellings ("Anger", "happiness", "Pleasant_surprise", "ps", "fear"), case-insensitive. Empty if unknown.
     */
    public static Optional<Emotion> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String key = word.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return Optional.ofNullable(WORDS.get(key));
    }

    @Override
    public String toString() {
        return label();
    }
}

package org.ser4j.data;

import java.util.Locale;

/** Speaker gender as the corpora document it; UNKNOWN where a corpus or user does not say. */
public enum Gender {
    MALE, FEMALE, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads "male"/"m"/"female"/"f" (any case, as in CREMA-D's demographics and label CSVs); else UNKNOWN. */
    public static Gender fromWord(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "male", "m" -> MALE;
            case "female", "f" -> FEMALE;
            default -> UNKNOWN;
        };
    }
}

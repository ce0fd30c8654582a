package org.ser4j.data;

/** Speaker gender as the corpora document it; UNKNOWN where a corpus or user does not say. */
public enum Gender {
    MALE, FEMALE, UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

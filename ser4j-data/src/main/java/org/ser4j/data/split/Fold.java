package org.ser4j.data.split;

import java.util.Arrays;

/**
 * One train/test division of a list of utterances, by index into that list, with an optional validation part
 * (empty when not asked for). Index arrays are sorted; the three parts are disjoint in utterances, speakers and
 * recordings (the leakage check guarantees it for every fold a {@link Protocol} returns).
 *
 * @param name       a short name for reports, e.g. {@code fold-2/5} or {@code test ravdess:07}
 * @param train      indices to train on
 * @param validation indices for early stopping / tuning; empty when none
 * @param test       indices to evaluate on
 */
public record Fold(String name, int[] train, int[] validation, int[] test) {
    public Fold {
        train = sortedCopy(train);
        validation = validation == null ? new int[0] : sortedCopy(validation);
        test = sortedCopy(test);
    }

    /** A fold without validation. */
    public Fold(String name, int[] train, int[] test) {
        this(name, train, new int[0], test);
    }

    public boolean hasValidation() {
        return validation.length > 0;
    }

    private static int[] sortedCopy(int[] indices) {
        int[] copy = indices.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fold f && name.equals(f.name) && Arrays.equals(train, f.train)
                && Arrays.equals(validation, f.validation) && Arrays.equals(test, f.test);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return name + " [train " + train.length + ", validation " + validation.length + ", test " + test.length + "]";
    }
}

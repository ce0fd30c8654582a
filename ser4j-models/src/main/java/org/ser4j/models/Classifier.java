package org.ser4j.models;

import java.util.List;

/**
 * A trained model that maps a feature vector to class probabilities. Classical (Tribuo) and deep models both
 * implement it. Implementations are thread-safe.
 */
public interface Classifier {
    /** Class labels, in the order of {@link #predictProba}'s output. */
    List<String> classes();

    /** Probabilities, one per class, summing to 1. The input is the raw (unscaled) feature vector. */
    double[] predictProba(double[] features);
}

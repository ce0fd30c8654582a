package org.ser4j.features;

import java.util.List;
import org.ser4j.audio.Signal;

/**
 * Turns one utterance into a fixed-size vector. Implementations are thread-safe (no shared mutable state), so
 * one extractor serves every thread of a batch job. A signal at another rate than the spec's is resampled first.
 */
public interface FeatureExtractor {
    /** The spec this extractor implements. */
    FeatureSpec spec();

    /** One name per vector element, stable for a given spec (e.g. {@code mfcc_3_mean}). */
    List<String> names();

    /** The vector; its length equals {@code names().size()}. Values may be NaN only where documented. */
    double[] extract(Signal signal);
}

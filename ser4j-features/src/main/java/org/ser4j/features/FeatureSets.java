package org.ser4j.features;

import java.util.List;

/**
 * The named feature sets and their default specs. {@code seed}: the seed notebooks' vector (mean MFCC-40, mean
 * chroma_stft, mean spectral contrast); {@code full}: every frame feature with utterance statistics;
 * {@code egemaps}: the 88 eGeMAPS v02 functionals.
 */
public final class FeatureSets {
    private FeatureSets() {
    }

    /** Names of the sets this build can compute. */
    public static List<String> names() {
        return List.of();
    }

    /** The default spec of a named set. */
    public static FeatureSpec defaultSpec(String name) {
        throw unknown(name);
    }

    /**
     * An extractor for a spec. Fails with a clear message when this build cannot reproduce the spec (unknown set,
     * newer version, unknown parameter), which is what loading a model bundle from another build relies on.
     */
    public static FeatureExtractor extractor(FeatureSpec spec) {
        throw unknown(spec.set());
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown feature set '" + name + "' (known: " + names() + ")");
    }
}

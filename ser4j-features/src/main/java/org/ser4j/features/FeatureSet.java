package org.ser4j.features;

/**
 * A named utterance-level feature set that {@link FeatureSets} can build extractors for. Implementations are
 * stateless singletons; register one in {@link FeatureSets} with a single line.
 */
public interface FeatureSet {
    /** The set's name, e.g. {@code seed}. */
    String name();

    /** The newest layout version this build computes (new specs get it); specs of newer versions are refused. */
    int version();

    /** The oldest layout version this build still computes, so bundles trained on it keep working. */
    default int oldestVersion() {
        return version();
    }

    /** One line for help output. */
    String description();

    /** The spec with every parameter at its default, at the set's default sample rate. */
    FeatureSpec defaultSpec();

    /**
     * An extractor for {@code spec} (whose set and version {@link FeatureSets} has already checked). Read every
     * parameter through {@code params}: {@link FeatureSets} refuses any spec parameter left unread.
     */
    FeatureExtractor extractor(FeatureSpec spec, Params params);
}

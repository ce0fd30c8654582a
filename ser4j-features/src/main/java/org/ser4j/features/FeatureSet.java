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
     * The default spec of an older layout version this build still computes (to retrain a model exactly as it was
     * trained); sets with one version have only {@link #defaultSpec()}.
     */
    default FeatureSpec defaultSpec(int layoutVersion) {
        if (layoutVersion == version()) {
            return defaultSpec();
        }
        throw new IllegalArgumentException("feature set '" + name() + "' has no version " + layoutVersion
                + " (this build computes versions " + oldestVersion() + " to " + version() + ")");
    }

    /**
     * An extractor for {@code spec} (whose set and version {@link FeatureSets} has already checked). Read every
     * parameter through {@code params}: {@link FeatureSets} refuses any spec parameter left unread.
     */
    FeatureExtractor extractor(FeatureSpec spec, Params params);
}

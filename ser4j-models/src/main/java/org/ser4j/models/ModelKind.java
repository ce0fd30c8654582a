package org.ser4j.models;

import java.util.Map;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSpec;

/**
 * Reads the model of a bundle whose manifest names a model kind other than Tribuo (e.g. {@code djl-pytorch} from
 * ser4j-deep). Implementations are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/org.ser4j.models.ModelKind} file in their jar), so ser4j-models and the CLI's classical
 * path never depend on a deep-learning library: a bundle of a kind whose module is absent fails to load with a
 * message naming the kind.
 */
public interface ModelKind {
    /** The manifest's {@code model_kind} this reader handles. */
    String id();

    /**
     * Rebuilds the model from the bundle's entries.
     *
     * @param manifest the bundle's manifest
     * @param spec     the bundle's feature spec
     * @param entries  every zip entry by name (the kind's own files among them)
     * @param name     the bundle's name, for error messages
     * @return the uncalibrated classifier and the extractor that computes its input from a signal
     * @throws BundleException if the entries are missing or damaged
     */
    Loaded read(ModelBundle.Manifest manifest, FeatureSpec spec, Map<String, byte[]> entries, String name);

    /**
     * A model read from a bundle.
     *
     * @param classifier raw input in (as the extractor computes it), uncalibrated probabilities out
     * @param extractor  signal to classifier input; its names() length is the manifest's feature count
     */
    record Loaded(Classifier classifier, FeatureExtractor extractor) {
    }
}

package org.ser4j.deep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.data.sequence.ChannelNormalizer;
import org.ser4j.data.sequence.SequenceSpec;
import org.ser4j.features.FeatureSpec;
import org.ser4j.models.BundleException;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.ModelKind;

/**
 * Stores and reads deep models in a {@link ModelBundle} (model kind {@code djl-pytorch}); registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/org.ser4j.models.ModelKind}. A deep bundle holds,
 * besides the manifest, feature spec (the {@link SequenceSpec}) and evaluation:
 * <ul>
 *   <li>{@code deep/network.json}: architecture and {@link NetworkConfig};</li>
 *   <li>{@code deep/normalizer.json}: the per-channel normalisation fitted on the training data;</li>
 *   <li>{@code deep/weights.params}: the network's parameters in DJL's format.</li>
 * </ul>
 */
public final class DeepModelKind implements ModelKind {
    public static final String ID = "djl-pytorch";
    static final String NETWORK = "deep/network.json";
    static final String NORMALIZER = "deep/normalizer.json";
    static final String WEIGHTS = "deep/weights.params";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The network description stored in {@code deep/network.json}. */
    record NetworkFile(String architecture, NetworkConfig network) {
    }

    @Override
    public String id() {
        return ID;
    }

    /** A bundle of a trained network. */
    public static ModelBundle bundle(DeepClassifier model, ChannelNormalizer normalizer, double temperature,
                                     org.ser4j.models.Provenance provenance,
                                     org.ser4j.models.eval.Evaluation evaluation) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(NETWORK, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    new NetworkFile(model.architecture().id(), model.config())));
            entries.put(NORMALIZER, JSON.writeValueAsBytes(normalizer));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the network description", e);
        }
        entries.put(WEIGHTS, model.weights());
        return ModelBundle.ofKind(ID, model, new SequenceExtractor(model.input(), normalizer), entries, temperature,
                provenance, evaluation);
    }

    @Override
    public Loaded read(ModelBundle.Manifest manifest, FeatureSpec spec, Map<String, byte[]> entries, String name) {
        SequenceSpec input;
        try {
            input = SequenceSpec.fromFeatureSpec(spec);
        } catch (IllegalArgumentException e) {
            throw new BundleException(name, "this build cannot compute the deep model's input: " + e.getMessage(), e);
        }
        NetworkFile network = parse(entries, NETWORK, NetworkFile.class, name);
        ChannelNormalizer normalizer = parse(entries, NORMALIZER, ChannelNormalizer.class, name);
        byte[] weights = entries.get(WEIGHTS);
        if (weights == null) {
            throw new BundleException(name, "damaged bundle: " + WEIGHTS + " is missing");
        }
        List<String> classes = manifest.classes();
        DeepClassifier model = DeepClassifier.load(Architecture.of(network.architecture()), network.network(), input,
                classes, weights);
        return new Loaded(model, new SequenceExtractor(input, normalizer));
    }

    private static <T> T parse(Map<String, byte[]> entries, String entry, Class<T> type, String name) {
        byte[] bytes = entries.get(entry);
        if (bytes == null) {
            throw new BundleException(name, "damaged bundle: " + entry + " is missing");
        }
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new BundleException(name, "damaged bundle: " + entry + " is not valid (" + e.getMessage() + ")", e);
        }
    }
}

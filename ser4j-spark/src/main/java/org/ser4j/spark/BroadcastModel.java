package org.ser4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Predictor;

/**
 * A model bundle shipped to the executors once, as its bundle-file bytes in a Spark broadcast, and loaded at most
 * once per executor JVM: every task thread of that executor then shares the one {@link Predictor} (predictors and
 * feature extractors are thread-safe and keep no per-call state, so sharing costs no locking). Natives the bundle
 * or the decoders need (FFmpeg for compressed audio, PyTorch for deep bundles) are loaded by the first clip of the
 * JVM and stay loaded, so they too load once per executor.
 */
public final class BroadcastModel implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Per executor JVM: the loaded bundle of each broadcast (keyed by broadcast id, unique per SparkContext). */
    private static final ConcurrentHashMap<Long, Predictor> PREDICTORS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Long, FeatureExtractor> EXTRACTORS = new ConcurrentHashMap<>();

    private final Broadcast<byte[]> bundleBytes;
    private final String name;

    private BroadcastModel(Broadcast<byte[]> bundleBytes, String name) {
        this.bundleBytes = bundleBytes;
        this.name = name;
    }

    /** Broadcasts {@code bundle} (written in its own file format) under {@code name}, for error messages. */
    public static BroadcastModel of(JavaSparkContext sc, ModelBundle bundle, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            bundle.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BroadcastModel(sc.broadcast(bytes.toByteArray()), name);
    }

    /** This executor's predictor for the bundle (loaded on first use). */
    public Predictor predictor() {
        return PREDICTORS.computeIfAbsent(bundleBytes.id(),
                id -> new Predictor(ModelBundle.load(new ByteArrayInputStream(bundleBytes.value()), name)));
    }

    /**
     * This executor's extractor for the bundle's feature spec, made as the CLI's {@code evaluate} makes it
     * ({@code FeatureSets.extractor(spec)}), so the rows equal the CLI's.
     */
    public FeatureExtractor specExtractor() {
        return EXTRACTORS.computeIfAbsent(bundleBytes.id(),
                id -> FeatureSets.extractor(predictor().bundle().featureSpec()));
    }

    /** Frees the driver's and executors' copies once a job is done. */
    public void release() {
        PREDICTORS.remove(bundleBytes.id());
        EXTRACTORS.remove(bundleBytes.id());
        bundleBytes.destroy();
    }
}

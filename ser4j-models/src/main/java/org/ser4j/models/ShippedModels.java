package org.ser4j.models;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model bundles that ship inside ser4j (class-path resources under {@code org/ser4j/models/shipped/}), and the
 * one place that resolves a user's {@code --model} argument: a bundle file path, or a shipped name.
 * <ul>
 *   <li>{@code default}: the best configuration on all bundled corpora (RAVDESS, TESS, EMO-DB, CREMA-D);
 *       non-commercial research use only, because RAVDESS (CC BY-NC-SA 4.0), TESS (CC BY-NC-ND 4.0) and EMO-DB
 *       (research use) say so.</li>
 *   <li>{@code commercial}: trained on CREMA-D alone (ODbL 1.0 / DbCL 1.0), usable commercially under those
 *       terms.</li>
 *   <li>{@code default-adaptive}, {@code commercial-adaptive}: the same data and licences, trained to adapt to a
 *       speaker or channel from its unlabelled clips ({@code --adapt}, sessions in {@code serve}); on a single clip
 *       they answer with the population's statistics.</li>
 * </ul>
 * The training command of each is in its provenance ({@code ser4j inspect NAME}) and in docs/models.md. What
 * trained each ({@link TrainedOn}) lies beside it as {@code NAME.trained_on.json}: the bundles predate the record,
 * which scripts/shipped-trained-on.jsh rebuilt from their corpora and checked against their provenance.
 */
public final class ShippedModels {
    /** The name used when no --model is given. */
    public static final String DEFAULT = "default";
    private static final List<String> NAMES = List.of("default", "commercial", "default-adaptive",
            "commercial-adaptive");
    private static final ConcurrentHashMap<String, ModelBundle> LOADED = new ConcurrentHashMap<>();

    private ShippedModels() {
    }

    /** Names of the shipped bundles present in this build. */
    public static List<String> names() {
        return NAMES.stream().filter(n -> ShippedModels.class.getResource(resource(n)) != null).toList();
    }

    /**
     * A bundle by file path or shipped name (null means {@link #DEFAULT}). Shipped bundles are loaded once per
     * process and shared (bundles are immutable and thread-safe).
     */
    public static ModelBundle load(String nameOrPath) {
        String ref = nameOrPath == null ? DEFAULT : nameOrPath;
        Path file = Path.of(ref);
        if (Files.isRegularFile(file)) {
            return ModelBundle.load(file);
        }
        if (!NAMES.contains(ref)) {
            throw new BundleException(ref, "no such model file, and not a shipped model name (shipped: " + names()
                    + ")");
        }
        return LOADED.computeIfAbsent(ref, ShippedModels::loadResource);
    }

    private static ModelBundle loadResource(String name) {
        try (InputStream in = ShippedModels.class.getResourceAsStream(resource(name))) {
            if (in == null) {
                throw new BundleException(name, "this build has no shipped model '" + name + "' (train it with the "
                        + "command in docs/models.md)");
            }
            ModelBundle bundle = ModelBundle.load(in, name);
            try (InputStream record = ShippedModels.class.getResourceAsStream(resource(name).replace(".ser4j",
                    ".trained_on.json"))) {
                return record == null || bundle.trainedOn().isPresent() ? bundle
                        : bundle.withTrainedOn(Json.read(new String(record.readAllBytes(),
                                java.nio.charset.StandardCharsets.UTF_8), TrainedOn.class));
            }
        } catch (java.io.IOException e) {
            throw new BundleException(name, "cannot read the shipped model: " + e.getMessage());
        }
    }

    private static String resource(String name) {
        return "/org/ser4j/models/shipped/" + name + ".ser4j";
    }
}

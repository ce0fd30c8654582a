package org.ser4j.models;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.features.FeatureSpec;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.calibration.TemperatureScaledClassifier;
import org.ser4j.models.classical.Standardizer;
import org.ser4j.models.classical.TribuoClassifier;
import org.ser4j.models.eval.Evaluation;

/**
 * A trained model as one file: a zip holding
 * <ul>
 *   <li>{@code manifest.json}: format and version, classes, calibration temperature, options and
 *       {@link Provenance};</li>
 *   <li>{@code feature_spec.json}: the exact {@link FeatureSpec} the model was trained on;</li>
 *   <li>{@code scaler.json}: the standardisation fitted on the training data;</li>
 *   <li>{@code model.tribuo}: the Tribuo model in its protobuf format (it carries Tribuo's own provenance);</li>
 *   <li>{@code adaptation.json} (models that adapt to a speaker's clips with population statistics): the
 *       {@link Adaptation};</li>
 *   <li>{@code evaluation.json} (optional): the cross-validated {@link Evaluation};</li>
 *   <li>{@code trained_on.json} (optional, any kind): the recordings and speakers that trained the model
 *       ({@link TrainedOn}), which {@code evaluate} checks its clips against.</li>
 * </ul>
 * Other model kinds (the manifest's {@code model_kind}, e.g. {@code djl-pytorch} from ser4j-deep) store their own
 * entries instead of {@code scaler.json} and {@code model.tribuo}, and are read by the {@link ModelKind} that
 * {@link ServiceLoader} finds for that id.
 * A bundle of a kind that holds native memory (a deep network) releases it on {@link #close}; close bundles you
 * are done with rather than leave them to the garbage collector (DJL frees an unclosed network from a finalizer
 * thread, which disturbed training running at the same time).
 * Loading checks that the file is a bundle of a format this build reads and that this build can compute its
 * features ({@link FeatureSets#extractor} accepts the spec and gives the same vector length), so a service never
 * starts with a model it would feed the wrong features.
 */
public final class ModelBundle implements AutoCloseable {
    public static final String FORMAT = "ser4j-model-bundle";
    public static final int FORMAT_VERSION = 1;
    static final String MODEL_KIND_TRIBUO = "tribuo";
    private static final String MANIFEST = "manifest.json";
    private static final String FEATURE_SPEC = "feature_spec.json";
    private static final String SCALER = "scaler.json";
    private static final String MODEL = "model.tribuo";
    private static final String EVALUATION = "evaluation.json";
    private static final String ADAPTATION = "adaptation.json";
    private static final String TRAINED_ON = "trained_on.json";

    /**
     * The bundle's {@code manifest.json}.
     *
     * @param format               always {@link #FORMAT}
     * @param formatVersion        bundle layout version
     * @param modelKind            how the model file is stored ({@code tribuo}, or a {@link ModelKind}'s id)
     * @param classes              class labels in probability order
     * @param featureCount         length of the feature vector (the classifier's input may be longer: see
     *                             {@link Adaptation#inputSize})
     * @param temperature          calibration temperature applied to the probabilities (1 = none)
     * @param speakerNormalization whether features must be standardised per speaker before prediction (plain
     *                             adaptation: a single clip cannot be answered)
     * @param provenance           where the model came from
     */
    public record Manifest(String format, int formatVersion, String modelKind, List<String> classes,
                           int featureCount, double temperature, boolean speakerNormalization,
                           Provenance provenance) {
    }

    private final Manifest manifest;
    private final FeatureSpec featureSpec;
    private final Classifier model;
    /** The model's own zip entries, for kinds other than Tribuo (empty for Tribuo). */
    private final Map<String, byte[]> modelEntries;
    private final Evaluation evaluation;
    private final Adaptation adaptation;
    private final TrainedOn trainedOn;
    private final FeatureExtractor extractor;
    private final Classifier calibrated;

    /**
     * A bundle of a freshly trained model.
     *
     * @param adaptation how the model adapts to a speaker's clips (its input is {@link Adaptation#transform}'s
     *                   output), or null
     * @param evaluation the cross-validated evaluation, or null
     */
    public ModelBundle(TribuoClassifier model, FeatureSpec featureSpec, double temperature, Adaptation adaptation,
                       Provenance provenance, Evaluation evaluation) {
        this(new Manifest(FORMAT, FORMAT_VERSION, MODEL_KIND_TRIBUO, model.classes(), featureCount(model, adaptation),
                temperature, adaptation != null && adaptation.method() == Adaptation.Method.PLAIN,
                Objects.requireNonNull(provenance, "provenance")), featureSpec, model, Map.of(), evaluation, adaptation,
                null, extractorFor(featureSpec, featureCount(model, adaptation), "<new bundle>"));
    }

    /** The feature vector's length for a classifier whose input is an adaptation's output. */
    private static int featureCount(TribuoClassifier model, Adaptation adaptation) {
        int input = model.scaler().dimensions();
        int features = adaptation == null ? input : input / adaptation.inputSize(1);
        if (adaptation != null && (adaptation.inputSize(features) != input || (adaptation.priorMean() != null
                && adaptation.priorMean().length != features))) {
            throw new IllegalArgumentException("the model's " + input + " inputs do not fit its adaptation");
        }
        return features;
    }

    private ModelBundle(Manifest manifest, FeatureSpec featureSpec, Classifier model, Map<String, byte[]> modelEntries,
                        Evaluation evaluation, Adaptation adaptation, TrainedOn trainedOn,
                        FeatureExtractor extractor) {
        this.manifest = manifest;
        this.featureSpec = featureSpec;
        this.model = model;
        this.modelEntries = Map.copyOf(modelEntries);
        this.evaluation = evaluation;
        this.adaptation = adaptation;
        this.trainedOn = trainedOn;
        this.extractor = extractor;
        this.calibrated = new TemperatureScaledClassifier(model, manifest.temperature());
    }

    /**
     * A bundle of a model of another kind than Tribuo (see {@link ModelKind}).
     *
     * @param modelKind    the kind's id, written to the manifest; a {@link ModelKind} with this id reads it back
     * @param model        the uncalibrated classifier; its input is what {@code extractor} computes
     * @param extractor    signal to classifier input
     * @param modelEntries the kind's own zip entries (weights, normalisation...), stored verbatim
     * @param evaluation   the cross-validated evaluation, or null
     */
    public static ModelBundle ofKind(String modelKind, Classifier model, FeatureExtractor extractor,
                                     Map<String, byte[]> modelEntries, double temperature, Provenance provenance,
                                     Evaluation evaluation) {
        if (MODEL_KIND_TRIBUO.equals(modelKind)) {
            throw new IllegalArgumentException("Tribuo bundles are made with the TribuoClassifier constructor");
        }
        for (String entry : modelEntries.keySet()) {
            if (entry.equals(MANIFEST) || entry.equals(FEATURE_SPEC) || entry.equals(EVALUATION)
                    || entry.equals(TRAINED_ON)) {
                throw new IllegalArgumentException("model entry '" + entry + "' would overwrite the bundle's own");
            }
        }
        Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, modelKind, model.classes(), extractor.names().size(),
                temperature, false, Objects.requireNonNull(provenance, "provenance"));
        return new ModelBundle(manifest, extractor.spec(), model, modelEntries, evaluation, null, null, extractor);
    }

    /**
     * The calibrated classifier: features in (for a model with an {@link #adaptation()}, the adaptation's output),
     * temperature-scaled probabilities out.
     */
    public Classifier classifier() {
        return calibrated;
    }

    /** The model without calibration (a {@link TribuoClassifier} for Tribuo bundles). */
    public Classifier uncalibrated() {
        return model;
    }

    /** The extractor for this model's features. */
    public FeatureExtractor featureExtractor() {
        return extractor;
    }

    public FeatureSpec featureSpec() {
        return featureSpec;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Provenance provenance() {
        return manifest.provenance();
    }

    public List<String> classes() {
        return manifest.classes();
    }

    /**
     * The label map the model was trained with, from its provenance ("name: rule rule ..."); the default map when
     * a bundle does not record one. Evaluation maps a corpus's emotions onto the model's classes with it.
     */
    public LabelMap labelMap() {
        String text = manifest.provenance().labelMap();
        int colon = text == null ? -1 : text.indexOf(": ");
        if (colon < 0) {
            return LabelMap.defaults();
        }
        return LabelMap.parse(text.substring(colon + 2).replace(' ', '\n'), text.substring(0, colon));
    }

    public double temperature() {
        return manifest.temperature();
    }

    /**
     * This bundle with another adaptation of the same method and length (e.g. population statistics from a new
     * channel's unlabelled audio, {@code ser4j adapt}) and the provenance that says so.
     */
    public ModelBundle withAdaptation(Adaptation newAdaptation, Provenance newProvenance) {
        if (adaptation == null || newAdaptation.method() != adaptation.method()
                || newAdaptation.inputSize(manifest.featureCount()) != adaptation.inputSize(manifest.featureCount())) {
            throw new IllegalArgumentException("the new adaptation must be of the model's own method and size");
        }
        Manifest m = new Manifest(manifest.format(), manifest.formatVersion(), manifest.modelKind(),
                manifest.classes(), manifest.featureCount(), manifest.temperature(), manifest.speakerNormalization(),
                newProvenance);
        return new ModelBundle(m, featureSpec, model, modelEntries, evaluation, newAdaptation, trainedOn,
                extractor);
    }

    /** This bundle with the record of what trained it (what a trainer adds before saving). */
    public ModelBundle withTrainedOn(TrainedOn newTrainedOn) {
        return new ModelBundle(manifest, featureSpec, model, modelEntries, evaluation, adaptation,
                Objects.requireNonNull(newTrainedOn, "trained on"), extractor);
    }

    /** The recordings and speakers that trained the model, when its bundle records them. */
    public Optional<TrainedOn> trainedOn() {
        return Optional.ofNullable(trainedOn);
    }

    /** How the model adapts to a speaker's clips, if it does. */
    public Optional<Adaptation> adaptation() {
        return Optional.ofNullable(adaptation);
    }

    public Optional<Evaluation> evaluation() {
        return Optional.ofNullable(evaluation);
    }

    /** Releases the model's native memory, if it holds any; the bundle must not be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release the model: " + e.getMessage(), e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Writes the bundle atomically (to a temporary file beside {@code file}, then moved over it). */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(out);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes the bundle's zip to a stream (left open). */
    public void write(OutputStream out) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, utf8(Json.write(manifest)));
        entries.put(FEATURE_SPEC, utf8(featureSpec.toJson()));
        if (model instanceof TribuoClassifier tribuo) {
            entries.put(SCALER, utf8(Json.write(tribuo.scaler())));
            ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
            tribuo.writeModel(modelBytes);
            entries.put(MODEL, modelBytes.toByteArray());
        } else {
            entries.putAll(modelEntries);
        }
        if (adaptation != null && adaptation.method() != Adaptation.Method.PLAIN) {
            entries.put(ADAPTATION, utf8(Json.write(adaptation)));
        }
        if (evaluation != null) {
            entries.put(EVALUATION, utf8(evaluation.toJson()));
        }
        if (trainedOn != null) {
            entries.put(TRAINED_ON, utf8(Json.write(trainedOn)));
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(9);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            ZipEntry entry = new ZipEntry(e.getKey());
            entry.setTime(0); // no timestamps: the zip's bytes depend only on its contents
            zip.putNextEntry(entry);
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Reads and checks a bundle file. */
    public static ModelBundle load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new BundleException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new BundleException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads and checks a bundle from a stream, e.g. a class-path resource; {@code name} is used in errors. */
    public static ModelBundle load(InputStream in, String name) {
        try {
            return read(in, name);
        } catch (IOException e) {
            throw new BundleException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Only the manifest of a bundle file, without loading the model or checking its features (for inspection). */
    public static Manifest readManifest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parseManifest(entries(in, file.toString()), file.toString());
        } catch (NoSuchFileException e) {
            throw new BundleException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new BundleException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static ModelBundle read(InputStream in, String name) throws IOException {
        Map<String, byte[]> entries = entries(in, name);
        Manifest manifest = parseManifest(entries, name);
        FeatureSpec spec;
        try {
            spec = FeatureSpec.fromJson(text(entries, FEATURE_SPEC, name));
        } catch (IllegalArgumentException e) {
            throw new BundleException(name, "damaged bundle: " + FEATURE_SPEC + " is not valid (" + e.getMessage()
                    + ")", e);
        }
        if (!MODEL_KIND_TRIBUO.equals(manifest.modelKind())) {
            return readOtherKind(manifest, spec, entries, name);
        }
        Standardizer scaler = parse(entries, SCALER, Standardizer.class, name);
        TribuoClassifier model;
        try {
            model = TribuoClassifier.readModel(new ByteArrayInputStream(require(entries, MODEL, name)), scaler,
                    manifest.classes());
        } catch (IOException | RuntimeException e) {
            throw new BundleException(name, "damaged model file " + MODEL + ": " + e.getMessage(), e);
        }
        Evaluation evaluation = entries.containsKey(EVALUATION)
                ? parse(entries, EVALUATION, Evaluation.class, name) : null;
        Adaptation adaptation = entries.containsKey(ADAPTATION) ? parse(entries, ADAPTATION, Adaptation.class, name)
                : manifest.speakerNormalization() ? Adaptation.plain() : null;
        if (adaptation != null && adaptation.inputSize(manifest.featureCount()) != scaler.dimensions()) {
            throw new BundleException(name, "damaged bundle: the model takes " + scaler.dimensions() + " inputs, not "
                    + "the " + adaptation.inputSize(manifest.featureCount()) + " its adaptation makes");
        }
        return new ModelBundle(manifest, spec, model, Map.of(), evaluation, adaptation,
                trainedOn(entries, name), extractorFor(spec, manifest.featureCount(), name));
    }

    /** A bundle of a non-Tribuo kind, read by the {@link ModelKind} found on the class path for its id. */
    private static ModelBundle readOtherKind(Manifest manifest, FeatureSpec spec, Map<String, byte[]> entries,
                                             String name) {
        ModelKind kind = null;
        for (ModelKind k : ServiceLoader.load(ModelKind.class, ModelBundle.class.getClassLoader())) {
            if (k.id().equals(manifest.modelKind())) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new BundleException(name, "model kind '" + manifest.modelKind() + "' is not supported by this build"
                    + " (deep models need the ser4j-deep module on the class path)");
        }
        ModelKind.Loaded loaded;
        try {
            loaded = kind.read(manifest, spec, entries, name);
        } catch (BundleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BundleException(name, "damaged " + manifest.modelKind() + " model: " + e.getMessage(), e);
        }
        if (loaded.extractor().names().size() != manifest.featureCount()) {
            throw new BundleException(name, "the model expects " + manifest.featureCount() + " inputs but this build "
                    + "computes " + loaded.extractor().names().size() + " for " + spec.set());
        }
        Evaluation evaluation = entries.containsKey(EVALUATION)
                ? parse(entries, EVALUATION, Evaluation.class, name) : null;
        Map<String, byte[]> own = new LinkedHashMap<>(entries);
        own.keySet().removeAll(List.of(MANIFEST, FEATURE_SPEC, EVALUATION, TRAINED_ON));
        return new ModelBundle(manifest, spec, loaded.classifier(), own, evaluation, null, trainedOn(entries, name),
                loaded.extractor());
    }

    private static TrainedOn trainedOn(Map<String, byte[]> entries, String name) {
        return entries.containsKey(TRAINED_ON) ? parse(entries, TRAINED_ON, TrainedOn.class, name) : null;
    }

    private static Manifest parseManifest(Map<String, byte[]> entries, String name) {
        if (!entries.containsKey(MANIFEST)) {
            throw new BundleException(name, "not a ser4j model bundle (a zip with " + MANIFEST + " expected)");
        }
        Manifest manifest = parse(entries, MANIFEST, Manifest.class, name);
        if (!FORMAT.equals(manifest.format())) {
            throw new BundleException(name, "not a ser4j model bundle (format '" + manifest.format() + "')");
        }
        if (manifest.formatVersion() > FORMAT_VERSION) {
            throw new BundleException(name, "bundle format version " + manifest.formatVersion()
                    + " is newer than this build reads (" + FORMAT_VERSION + "); upgrade ser4j");
        }
        if (manifest.modelKind() == null || manifest.modelKind().isBlank()) {
            throw new BundleException(name, "damaged bundle: " + MANIFEST + " names no model kind");
        }
        return manifest;
    }

    private static FeatureExtractor extractorFor(FeatureSpec spec, int featureCount, String name) {
        FeatureExtractor extractor;
        try {
            extractor = FeatureSets.extractor(spec);
        } catch (IllegalArgumentException e) {
            throw new BundleException(name, "this build cannot compute the model's features (" + spec.set() + " v"
                    + spec.version() + "): " + e.getMessage(), e);
        }
        int computed = extractor.names().size();
        if (computed != featureCount) {
            throw new BundleException(name, "the model expects " + featureCount + " features but this build computes "
                    + computed + " for " + spec.set() + " v" + spec.version());
        }
        return extractor;
    }

    /** Every entry of a zip, by name. Not-a-zip input yields no entries (ZipInputStream finds no header). */
    private static Map<String, byte[]> entries(InputStream in, String name) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (java.util.zip.ZipException e) {
            throw new BundleException(name, "not a ser4j model bundle (damaged zip: " + e.getMessage() + ")", e);
        }
        return entries;
    }

    private static byte[] require(Map<String, byte[]> entries, String entry, String name) {
        byte[] bytes = entries.get(entry);
        if (bytes == null) {
            throw new BundleException(name, "damaged bundle: " + entry + " is missing");
        }
        return bytes;
    }

    private static String text(Map<String, byte[]> entries, String entry, String name) {
        return new String(require(entries, entry, name), StandardCharsets.UTF_8);
    }

    private static <T> T parse(Map<String, byte[]> entries, String entry, Class<T> type, String name) {
        try {
            return Json.MAPPER.readValue(require(entries, entry, name), type);
        } catch (IOException e) {
            throw new BundleException(name, "damaged bundle: " + entry + " is not valid (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Emotion;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;
import org.ser4j.models.classical.ClassicalTrainer;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.classical.ModelType;
import org.ser4j.models.classical.TrainingSet;
import org.ser4j.models.classical.TribuoClassifier;
import org.ser4j.models.eval.Evaluation;

class ModelBundleTest {
    private static final List<String> CLASSES = List.of("angry", "neutral", "sad");

    @TempDir
    Path dir;

    private static Provenance provenance() {
        return new Provenance("test-model", "3", "2024-01-01T00:00Z", "dev", "unknown", "svm-rbf",
                HyperParameters.of("C", 10), "seed", List.of(new Provenance.CorpusInfo("ravdess", 10, 2, "00",
                CorpusLicences.of("ravdess", null))), "default", "speaker 2-fold", Map.of(), Map.of("training", 1L),
                Map.of("accuracy", 0.5), Map.of("temperature", 1.7), "ravdess: CC BY-NC-SA 4.0");
    }

    @Test
    void savedBundleLoadsToIdenticalProbabilities() throws IOException {
        FeatureSpec spec = FeatureSets.defaultSpec("seed");
        int dims = FeatureSets.extractor(spec).names().size();
        TrainingSet data = SyntheticData.gaussian(CLASSES, 3, 10, dims, 3.0, 8);
        TribuoClassifier model = new ClassicalTrainer(ModelType.SVM_RBF, true, 1, 1).fit(data,
                ModelType.SVM_RBF.defaults());
        Evaluation evaluation = Evaluation.of(CLASSES, data.labels(), data.labels(), null, Map.of(), 0, 1);
        ModelBundle bundle = new ModelBundle(model, spec, 1.7, null, provenance(), evaluation);
        Path file = dir.resolve("m.ser4j");
        bundle.save(file);

        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(CLASSES, loaded.classes());
        assertEquals(1.7, loaded.temperature());
        assertEquals(spec, loaded.featureSpec());
        assertEquals(provenance(), loaded.provenance());
        assertEquals(evaluation.perClass(), loaded.evaluation().orElseThrow().perClass());
        for (int i = 0; i < data.size(); i += 5) {
            double[] expected = bundle.classifier().predictProba(data.features()[i]);
            assertArrayEquals(expected, loaded.classifier().predictProba(data.features()[i]), 0.0);
            assertEquals(1.0, java.util.Arrays.stream(expected).sum(), 1e-9);
        }
        try (InputStream in = Files.newInputStream(file)) {
            ModelBundle fromStream = ModelBundle.load(in, "resource m.ser4j");
            assertArrayEquals(bundle.classifier().predictProba(data.features()[0]),
                    fromStream.classifier().predictProba(data.features()[0]), 0.0);
        }
        assertEquals("test-model", ModelBundle.readManifest(file).provenance().name());
        assertTrue(loaded.trainedOn().isEmpty(), "a bundle says what trained it only when its trainer recorded it");

        Utterance a = new Utterance(Path.of("a.wav"), "ravdess", "ravdess:01", null, Emotion.NEUTRAL, Map.of());
        Utterance b = new Utterance(Path.of("b.wav"), "ravdess", "ravdess:02", null, Emotion.NEUTRAL, Map.of());
        Utterance c = new Utterance(Path.of("c.wav"), "emodb", "emodb:03", null, Emotion.NEUTRAL, Map.of());
        Map<String, String> sha256 = Map.of("a.wav", "aa".repeat(32), "b.wav", "bb".repeat(32), "c.wav",
                "cc".repeat(32), "copy-of-a.wav", "aa".repeat(32));
        java.util.function.Function<Path, String> hash = p -> sha256.get(p.toString());
        bundle.withTrainedOn(TrainedOn.of(List.of(a, b), hash)).save(file);
        TrainedOn trainedOn = ModelBundle.load(file).trainedOn().orElseThrow();
        assertEquals(List.of("ravdess:01", "ravdess:02"), trainedOn.speakers());
        assertEquals(List.of("aa".repeat(8), "bb".repeat(8)), trainedOn.clipSha256(), "16 hex digits a recording");
        Utterance copy = new Utterance(Path.of("copy-of-a.wav"), "mine", "mine:x", null, Emotion.NEUTRAL, Map.of());
        TrainedOn.Overlap overlap = trainedOn.overlap(List.of(copy, b, c), hash);
        assertEquals(new TrainedOn.Overlap(2, 3, List.of("ravdess:02"), 3), overlap);
        assertFalse(trainedOn.overlap(List.of(c), hash).any());
    }

    @Test
    void anAdaptingBundleKeepsItsPopulationStatisticsAndCountsFeaturesNotInputs() throws IOException {
        FeatureSpec spec = FeatureSets.defaultSpec("seed");
        int dims = FeatureSets.extractor(spec).names().size();
        TrainingSet raw = SyntheticData.gaussian(CLASSES, 3, 10, dims, 3.0, 8);
        Adaptation adaptation = Adaptation.relative(raw.features(), raw.speakers(), 3);
        double[][] inputs = adaptation.transformGroups(raw.features(), raw.speakers());
        TribuoClassifier model = new ClassicalTrainer(ModelType.LOGISTIC_REGRESSION, true, 1, 1).fit(
                new TrainingSet(inputs, raw.labels(), CLASSES, raw.speakers()),
                ModelType.LOGISTIC_REGRESSION.defaults());
        ModelBundle bundle = new ModelBundle(model, spec, 1.0, adaptation, provenance(), null);
        assertEquals(dims, bundle.manifest().featureCount());
        assertFalse(bundle.manifest().speakerNormalization(), "a relative model answers single clips too");
        Path file = dir.resolve("adaptive.ser4j");
        bundle.save(file);
        ModelBundle loaded = ModelBundle.load(file);
        Adaptation back = loaded.adaptation().orElseThrow();
        assertArrayEquals(adaptation.priorMean(), back.priorMean(), 0);
        assertArrayEquals(adaptation.priorScale(), back.priorScale(), 0);
        assertArrayEquals(bundle.classifier().predictProba(inputs[4]), loaded.classifier().predictProba(inputs[4]),
                0);
        // A classifier whose inputs do not fit the adaptation is refused.
        TribuoClassifier plainModel = new ClassicalTrainer(ModelType.LOGISTIC_REGRESSION, true, 1, 1).fit(raw,
                ModelType.LOGISTIC_REGRESSION.defaults());
        assertThrows(IllegalArgumentException.class,
                () -> new ModelBundle(plainModel, spec, 1.0, adaptation, provenance(), null));
    }

    @Test
    void aFileThatIsNotABundleIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(text));
        assertTrue(e.getMessage().contains("not a ser4j model bundle"), e.getMessage());
        Path zip = dir.resolve("other.zip");
        writeZip(zip, Map.of("readme.txt", "x"));
        e = assertThrows(BundleException.class, () -> ModelBundle.load(zip));
        assertTrue(e.getMessage().contains("not a ser4j model bundle"), e.getMessage());
        e = assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("missing.ser4j")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void aBundleWhoseFeaturesThisBuildCannotComputeIsRefused() throws IOException {
        Path file = dir.resolve("future.ser4j");
        writeHandMadeBundle(file, new FeatureSpec("no-such-set", 1, 16000, Map.of()), ModelBundle.FORMAT_VERSION);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(file));
        assertTrue(e.getMessage().contains("cannot compute the model's features")
                && e.getMessage().contains("no-such-set"), e.getMessage());
    }

    @Test
    void aNewerBundleFormatIsRefused() throws IOException {
        Path file = dir.resolve("newer.ser4j");
        writeHandMadeBundle(file, new FeatureSpec("seed", 1, 16000, Map.of()), ModelBundle.FORMAT_VERSION + 1);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(file));
        assertTrue(e.getMessage().contains("newer than this build"), e.getMessage());
    }

    /** A bundle assembled entry by entry, as another ser4j build might have written it. */
    private static void writeHandMadeBundle(Path file, FeatureSpec spec, int formatVersion) throws IOException {
        TrainingSet data = SyntheticData.gaussian(CLASSES, 2, 5, 4, 3.0, 1);
        TribuoClassifier model = new ClassicalTrainer(ModelType.LOGISTIC_REGRESSION, true, 1, 1).fit(data,
                HyperParameters.of("epochs", 2));
        ModelBundle.Manifest manifest = new ModelBundle.Manifest(ModelBundle.FORMAT, formatVersion, "tribuo",
                CLASSES, 4, 1.0, false, provenance());
        ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
        model.writeModel(modelBytes);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "manifest.json", Json.write(manifest).getBytes(StandardCharsets.UTF_8));
            put(zip, "feature_spec.json", spec.toJson().getBytes(StandardCharsets.UTF_8));
            put(zip, "scaler.json", Json.write(model.scaler()).getBytes(StandardCharsets.UTF_8));
            put(zip, "model.tribuo", modelBytes.toByteArray());
        }
    }

    private static void writeZip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                put(zip, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}

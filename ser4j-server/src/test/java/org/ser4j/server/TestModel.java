package org.ser4j.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ser4j.audio.AudioReader;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Provenance;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.adaptation.SessionMix;
import org.ser4j.models.classical.ClassicalTrainer;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.classical.ModelType;
import org.ser4j.models.classical.TrainingSet;
import org.ser4j.models.classical.TribuoClassifier;
import org.ser4j.models.eval.Evaluation;

/**
 * A small real model for the tests: logistic regression on the seed features of 48 RAVDESS clips (actors 1-2;
 * neutral, happy, sad, angry), saved as a bundle file once per test JVM. Its evaluation holds the per-class
 * support, which the drift gauge uses as the training distribution.
 */
public final class TestModel {
    public static final List<String> CLASSES = List.of("neutral", "happy", "sad", "angry");
    private static final String[] CODES = {"01", "03", "04", "05"};
    private static Path file;
    private static ModelBundle bundle;
    private static Path adaptiveFile;
    private static ModelBundle adaptive;

    private TestModel() {
    }

    public static synchronized ModelBundle bundle() {
        if (bundle == null) {
            bundle = ModelBundle.load(file());
        }
        return bundle;
    }

    /** The bundle file (for server processes started by tests). */
    public static synchronized Path file() {
        if (file == null) {
            try {
                file = Files.createTempFile("ser4j-test-model", ".ser4j");
                file.toFile().deleteOnExit();
                train(false).save(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /**
     * The same data and classifier trained to adapt to speakers ({@link Adaptation.Method#RELATIVE}: population
     * statistics of the two actors, simulated sessions), for session tests.
     */
    public static synchronized ModelBundle adaptive() {
        if (adaptive == null) {
            try {
                adaptiveFile = Files.createTempFile("ser4j-test-adaptive", ".ser4j");
                adaptiveFile.toFile().deleteOnExit();
                train(true).save(adaptiveFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            adaptive = ModelBundle.load(adaptiveFile);
        }
        return adaptive;
    }

    /** Writes the test model to the path given (for the load benchmark and manual runs). */
    public static void main(String[] args) throws IOException {
        Files.copy(file(), Path.of(args[0]), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static ModelBundle train(boolean adapting) throws IOException {
        FeatureSpec spec = FeatureSets.defaultSpec("seed");
        FeatureExtractor extractor = FeatureSets.extractor(spec);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String actor : List.of("Actor_01", "Actor_02")) {
            try (Stream<Path> files = Files.list(SharedPaths.shared().resolve("datasets/ravdess").resolve(actor))) {
                for (Path f : files.sorted().toList()) {
                    String code = f.getFileName().toString().substring(6, 8);
                    int label = List.of(CODES).indexOf(code);
                    if (label >= 0) {
                        rows.add(extractor.extract(AudioReader.read(f, spec.sampleRate())));
                        labels.add(label);
                        speakers.add(actor);
                        names.add(f.getFileName().toString());
                    }
                }
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double[][] x = rows.toArray(double[][]::new);
        Adaptation adaptation = adapting ? Adaptation.relative(x, speakers, Adaptation.DEFAULT_PRIOR_CLIPS) : null;
        if (adapting) {
            x = SessionMix.trainingRows(adaptation, x, speakers, y, 7);
        }
        TrainingSet data = new TrainingSet(x, y, CLASSES, speakers);
        TribuoClassifier model = new ClassicalTrainer(ModelType.LOGISTIC_REGRESSION, true, 7, 1).fit(data,
                HyperParameters.of("epochs", 20, "learning_rate", 0.5));
        Evaluation evaluation = Evaluation.of(CLASSES, y, y, null, Map.of(), 0, 1);
        Provenance provenance = new Provenance("server-test", "1", "2024-01-01T00:00Z", "dev", "unknown", "logreg",
                HyperParameters.of("epochs", 20), "seed",
                List.of(new Provenance.CorpusInfo("ravdess", names.size(), 2, Provenance.fileListSha256(names),
                        "CC BY-NC-SA 4.0")), "default", "none", Map.of(), Map.of("training", 7L),
                Map.of(), Map.of(), "ravdess: CC BY-NC-SA 4.0");
        return new ModelBundle(model, spec, 1.0, adaptation, provenance, evaluation);
    }
}

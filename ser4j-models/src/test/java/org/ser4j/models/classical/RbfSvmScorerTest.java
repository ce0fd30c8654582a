package org.ser4j.models.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioReader;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.ShippedModels;
import org.ser4j.models.SyntheticData;

/**
 * The dense RBF SVM path must give what libsvm itself gives through Tribuo's predict: same decision values, same
 * Platt sigmoid, same pairwise coupling, up to the rounding of a differently ordered sum.
 */
class RbfSvmScorerTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void multiClassModelMatchesLibsvm() {
        List<String> classes = List.of("angry", "happy", "neutral", "sad", "fearful");
        TrainingSet train = SyntheticData.gaussian(classes, 4, 12, 9, 2.0, 3);
        TribuoClassifier model = new ClassicalTrainer(ModelType.SVM_RBF, true, 7, 1).fit(train,
                HyperParameters.of("C", 3.0, "gamma", 0.05));
        assertTrue(model.usesDenseSvm());
        assertSameAsLibsvm(model, vectors(train, 9, 5));
    }

    @Test
    void binaryModelMatchesLibsvm() {
        TrainingSet train = SyntheticData.gaussian(List.of("neutral", "sad"), 3, 15, 4, 1.0, 8);
        TribuoClassifier model = new ClassicalTrainer(ModelType.SVM_RBF, false, 3, 1).fit(train,
                ModelType.SVM_RBF.defaults());
        assertTrue(model.usesDenseSvm());
        assertSameAsLibsvm(model, vectors(train, 4, 9));
    }

    @Test
    void otherModelsKeepTribuosPredict() {
        TrainingSet train = SyntheticData.gaussian(List.of("angry", "sad"), 2, 10, 3, 3.0, 1);
        for (ModelType type : List.of(ModelType.SVM_LINEAR, ModelType.LOGISTIC_REGRESSION)) {
            assertFalse(new ClassicalTrainer(type, true, 1, 1).fit(train, type.defaults()).usesDenseSvm(),
                    type.name());
        }
    }

    /** The shipped default model (about 4,000 support vectors, 387 features) on real clips' features. */
    @Test
    void shippedDefaultModelMatchesLibsvmOnRealClips() throws IOException {
        ModelBundle bundle = ShippedModels.load("default");
        TribuoClassifier model = (TribuoClassifier) bundle.uncalibrated();
        assertTrue(model.usesDenseSvm());
        List<Path> clips;
        try (Stream<Path> files = Files.list(SharedPaths.samples())) {
            clips = files.filter(p -> p.toString().endsWith(".wav")).sorted().limit(6).toList();
        }
        assertTrue(clips.size() >= 3, "sample clips in " + SharedPaths.samples());
        double[][] rows = clips.stream()
                .map(p -> bundle.featureExtractor().extract(AudioReader.read(p, bundle.featureSpec().sampleRate())))
                .toArray(double[][]::new);
        assertSameAsLibsvm(model, rows);
    }

    private static void assertSameAsLibsvm(TribuoClassifier model, double[][] rows) {
        for (double[] row : rows) {
            double[] standardised = model.scaler().apply(row);
            double[] expected = model.tribuoScores(standardised);
            double[] actual = model.svmScores(standardised);
            assertArrayEquals(expected, actual, TOLERANCE);
            assertEquals(1.0, java.util.Arrays.stream(actual).sum(), 1e-6);
        }
    }

    /** Training rows, held-out draws, and far-off points (where kernels underflow and coupling is extreme). */
    private static double[][] vectors(TrainingSet train, int dims, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[train.size() + 30][];
        System.arraycopy(train.features(), 0, out, 0, train.size());
        for (int i = train.size(); i < out.length; i++) {
            out[i] = new double[dims];
            double scale = i % 3 == 0 ? 50 : 2;
            for (int d = 0; d < dims; d++) {
                out[i][d] = random.nextGaussian() * scale;
            }
        }
        return out;
    }
}

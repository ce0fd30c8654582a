package org.ser4j.models.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ser4j.models.SyntheticData;

class ClassicalTrainerTest {
    private static final List<String> CLASSES = List.of("angry", "happy", "neutral", "sad");
    private static final TrainingSet TRAIN = SyntheticData.gaussian(CLASSES, 4, 15, 6, 4.0, 1);
    private static final TrainingSet TEST = SyntheticData.gaussian(CLASSES, 2, 15, 6, 4.0, 2);

    /** Small settings so every family trains in well under a second. */
    private static HyperParameters small(ModelType type) {
        return switch (type) {
            case RANDOM_FOREST -> HyperParameters.of("trees", 20, "max_depth", 6);
            case GRADIENT_BOOSTING -> HyperParameters.of("rounds", 30, "max_depth", 3);
            default -> type.defaults();
        };
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void everyFamilyLearnsSeparableClassesAndGivesProbabilities(ModelType type) {
        long start = System.nanoTime();
        TribuoClassifier model = new ClassicalTrainer(type, true, 7, 1).fit(TRAIN, small(type));
        System.out.printf("%s fit %.0f ms%n", type, (System.nanoTime() - start) / 1e6);
        assertEquals(CLASSES, model.classes());
        int correct = 0;
        for (int i = 0; i < TEST.size(); i++) {
            double[] p = model.predictProba(TEST.features()[i]);
            assertEquals(CLASSES.size(), p.length);
            assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-9);
            assertTrue(java.util.Arrays.stream(p).allMatch(v -> v >= 0 && v <= 1));
            if (argmax(p) == TEST.labels()[i]) {
                correct++;
            }
        }
        // Means 4 standard deviations apart along distinct axes: the Bayes error is about 2 %.
        double accuracy = correct / (double) TEST.size();
        assertTrue(accuracy > 0.85, type + " accuracy " + accuracy);
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void sameSeedGivesSameModel(ModelType type) {
        TribuoClassifier a = new ClassicalTrainer(type, true, 11, 1).fit(TRAIN, small(type));
        TribuoClassifier b = new ClassicalTrainer(type, true, 11, 1).fit(TRAIN, small(type));
        for (int i = 0; i < TEST.size(); i += 7) {
            assertArrayEquals(a.predictProba(TEST.features()[i]), b.predictProba(TEST.features()[i]), 0.0);
        }
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}

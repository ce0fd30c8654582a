package org.ser4j.models.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ser4j.models.SyntheticData;
import org.ser4j.models.eval.Evaluation;

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
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
            assertTrue(Arrays.stream(p).allMatch(v -> v >= 0 && v <= 1));
            if (Evaluation.argmax(new double[][] {p})[0] == TEST.labels()[i]) {
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

    @Test
    void balancedWeightsRaiseTheRecallOfARareClass() {
        // Two overlapping classes (means 1 apart), the second 10 times rarer: unweighted, a model rarely predicts
        // it; weighting classes by n / (k n_c) makes both count equally and must raise its recall a lot.
        List<String> classes = List.of("common", "rare");
        TrainingSet common = SyntheticData.gaussian(List.of("common"), 4, 100, 2, 1.0, 5);
        TrainingSet rare = SyntheticData.gaussian(classes, 4, 10, 2, 1.0, 6);
        List<double[]> x = new java.util.ArrayList<>(Arrays.asList(common.features()));
        List<Integer> y = new java.util.ArrayList<>(java.util.Collections.nCopies(common.size(), 0));
        List<String> s = new java.util.ArrayList<>(common.speakers());
        for (int i = 0; i < rare.size(); i++) {
            if (rare.labels()[i] == 1) {
                x.add(rare.features()[i]);
                y.add(1);
                s.add(rare.speakers().get(i));
            }
        }
        TrainingSet data = new TrainingSet(x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue)
                .toArray(), classes, s);
        double plain = rareRecall(new ClassicalTrainer(ModelType.LOGISTIC_REGRESSION, false, 1, 1), data);
        double balanced = rareRecall(new ClassicalTrainer(ModelType.LOGISTIC_REGRESSION, true, 1, 1), data);
        assertTrue(balanced > plain + 0.3, "rare-class recall unweighted " + plain + ", balanced " + balanced);
    }

    private static double rareRecall(ClassicalTrainer trainer, TrainingSet data) {
        TribuoClassifier model = trainer.fit(data, HyperParameters.of("epochs", 10, "learning_rate", 0.1));
        int rare = 0;
        int found = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.labels()[i] == 1) {
                rare++;
                double[] p = model.predictProba(data.features()[i]);
                found += p[1] > p[0] ? 1 : 0;
            }
        }
        return found / (double) rare;
    }
}

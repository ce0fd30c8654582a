package org.ser4j.models.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;
import org.ser4j.data.split.Fold;
import org.ser4j.features.FeatureSpec;
import org.ser4j.models.SyntheticData;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.adaptation.AdaptationReport;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.classical.ModelType;
import org.ser4j.models.classical.TrainingSet;

class ExperimentTest {
    private static final List<String> CLASSES = List.of("angry", "happy", "neutral", "sad");
    private static final FeatureSpec SPEC = new FeatureSpec("synthetic", 1, 16000, Map.of());

    /** Six speakers (even ids female), 8 rows per class each; optionally every speaker's voice shifts all features. */
    private static ExperimentData data(double speakerShift) {
        TrainingSet set = SyntheticData.gaussian(CLASSES, 6, 8, 5, 3.0, 21);
        Random random = new Random(22);
        double[][] shift = new double[6][5];
        for (double[] s : shift) {
            for (int j = 0; j < s.length; j++) {
                s[j] = speakerShift * random.nextGaussian() * (j % 2 == 1 ? 100 : 1);
            }
        }
        List<Utterance> utterances = new ArrayList<>();
        double[][] x = new double[set.size()][];
        for (int i = 0; i < set.size(); i++) {
            int speaker = Integer.parseInt(set.speakers().get(i).substring(3));
            x[i] = set.features()[i].clone();
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] += shift[speaker][j];
            }
            utterances.add(new Utterance(Path.of("s" + speaker + "_" + i + ".wav"), "synthetic",
                    "synthetic:" + speaker, speaker % 2 == 0 ? Gender.FEMALE : Gender.MALE,
                    Emotion.parse(CLASSES.get(set.labels()[i])), null));
        }
        return new ExperimentData(utterances, x, CLASSES, set.labels(), SPEC, "test map",
                Map.of("emotion 'calm' not in label map", 5));
    }

    /** Three folds, each testing two speakers. */
    private static List<Fold> folds(ExperimentData data) {
        List<Fold> folds = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            int fold = f;
            int[] test = IntStream.range(0, data.utterances().size()).filter(i -> speaker(data, i) / 2 == fold)
                    .toArray();
            int[] train = IntStream.range(0, data.utterances().size()).filter(i -> speaker(data, i) / 2 != fold)
                    .toArray();
            folds.add(new Fold("fold-" + (f + 1) + "/3", train, test));
        }
        return folds;
    }

    private static int speaker(ExperimentData data, int i) {
        return Integer.parseInt(data.utterances().get(i).speaker().substring("synthetic:".length()));
    }

    private static ExperimentSettings settings() {
        return ExperimentSettings.defaults(ModelType.LOGISTIC_REGRESSION).withSeedAndThreads(3, 2)
                .withGrid(List.of(HyperParameters.of("epochs", 5, "learning_rate", 0.1),
                        HyperParameters.of("epochs", 10, "learning_rate", 0.5)));
    }

    private static ExperimentSettings withoutFinalModel(ExperimentSettings s) {
        return new ExperimentSettings(s.modelType(), s.grid(), s.balanceClasses(), s.adaptation(),
                2, s.seed(), s.threads(), 200, false, s.modelName(), s.modelVersion(), s.declaredLicences(), null);
    }

    @Test
    void crossValidationPredictsEveryTestRowOnceAndIsReproducible() {
        ExperimentData data = data(0);
        ExperimentResult r = new Experiment(withoutFinalModel(settings()), s -> { }).run(data, folds(data),
                "three speaker pairs");
        assertEquals(data.utterances().size(), r.evaluation().n());
        assertEquals(5, r.evaluation().excluded());
        assertEquals(3, r.folds().size());
        assertTrue(r.evaluation().accuracy() > 0.8, "accuracy " + r.evaluation().accuracy());
        assertEquals(2, r.evaluation().perGender().size());
        assertEquals(6, r.evaluation().perSpeaker().size());
        for (double[] p : r.probabilities()) {
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
        }
        for (ExperimentResult.FoldResult f : r.folds()) {
            assertTrue(settings().grid().contains(f.hyperParameters()));
            assertEquals(32 * 2, f.testSize());
        }
        assertTrue(r.calibration().temperature() > 0);
        assertTrue(r.calibration().crossFitted());
        assertNull(r.bundle());
        ExperimentResult again = new Experiment(withoutFinalModel(settings()), s -> { }).run(data, folds(data),
                "three speaker pairs");
        for (int i = 0; i < r.probabilities().length; i++) {
            assertArrayEquals(r.probabilities()[i], again.probabilities()[i], 0);
        }
        assertTrue(r.toJson().contains("\"unweighted_accuracy\""));
    }

    @Test
    void speakerNormalizationRemovesSpeakerShifts() {
        // Each speaker's features are shifted by a random offset 3x the class separation: models trained on other
        // speakers mistake the shift for emotion unless each speaker is normalised by their own statistics.
        ExperimentData data = data(3.0);
        ExperimentSettings plain = withoutFinalModel(settings());
        double without = new Experiment(plain, s -> { }).run(data, folds(data), "p").evaluation()
                .unweightedAccuracy();
        double with = new Experiment(withoutFinalModel(plain.withAdaptation(Adaptation.Method.PLAIN)), s -> { })
                .run(data, folds(data), "p").evaluation().unweightedAccuracy();
        assertTrue(with > 0.8 && with > without + 0.15, "UA without " + without + ", with " + with);
    }

    @Test
    void relativeAdaptationLearnsFromSessionsAndReportsItsCurveAndSkewedSessions() {
        ExperimentData data = data(3.0);
        double without = new Experiment(withoutFinalModel(settings()), s -> { }).run(data, folds(data), "p")
                .evaluation().unweightedAccuracy();
        ExperimentResult r = new Experiment(withoutFinalModel(settings().withAdaptation(Adaptation.Method.RELATIVE)),
                s -> { })
                .run(data, folds(data), "p");
        double with = r.evaluation().unweightedAccuracy();
        assertTrue(with > without + 0.15, "UA without " + without + ", adapted to each speaker " + with);

        Map<String, AdaptationReport.Scenario> byName = new java.util.HashMap<>();
        r.adaptation().scenarios().forEach(sc -> byName.put(sc.name(), sc));
        assertEquals(List.of("after 1 clips", "after 3 clips", "after 5 clips", "after 10 clips", "after 20 clips",
                "whole session", "75 % neutral", "75 % angry", "balanced"), r.adaptation().scenarios().stream()
                .map(AdaptationReport.Scenario::name).toList());
        assertEquals(data.utterances().size(), byName.get("whole session").clips());
        assertEquals(with, byName.get("whole session").adaptedUa(), 1e-12, "the main evaluation is the whole session");
        // 8 neutral clips per speaker and a third as many others (3): 11 per speaker, 6 speakers.
        assertEquals(66, byName.get("75 % neutral").clips());
        // The single-clip answers come from the same model without a speaker: the speaker shifts hurt them.
        assertTrue(byName.get("after 20 clips").adaptedUa() > byName.get("after 20 clips").singleClipUa() + 0.1,
                byName.get("after 20 clips").toString());

    }

    @Test
    void augmentedCopiesJoinTrainingPartsOnly() {
        ExperimentData plain = data(0);
        double[][][] copies = new double[plain.features().length][2][];
        for (int i = 0; i < copies.length; i++) {
            for (int c = 0; c < 2; c++) {
                double offset = 0.01 * (c + 1);
                copies[i][c] = Arrays.stream(plain.features()[i]).map(v -> v + offset).toArray();
            }
        }
        ExperimentData augmented = plain.withAugmented(copies, "'gain=-6:6', 2 copies per clip, seed 3");
        List<Fold> folds = folds(plain);
        ExperimentResult result = new Experiment(withoutFinalModel(settings()), s -> { }).run(augmented, folds,
                "3 folds");
        for (int f = 0; f < folds.size(); f++) {
            ExperimentResult.FoldResult r = result.folds().get(f);
            assertEquals(3 * folds.get(f).train().length, r.trainSize(), "each training row brings its 2 copies");
            assertEquals(folds.get(f).test().length, r.testSize(), "test parts get no copies");
        }
        assertEquals(plain.features().length, result.evaluation().n());
    }

    @Test
    void renderingsOfTheTestClipsAreScoredAgainstTheCleanAnswers() {
        ExperimentData plain = data(0);
        Random random = new Random(5);
        double[][] same = plain.features();
        double[][] noisy = Arrays.stream(plain.features())
                .map(row -> Arrays.stream(row).map(v -> v + 6 * random.nextGaussian()).toArray())
                .toArray(double[][]::new);
        noisy[0] = null; // a clip the rendering could not make is left out
        ExperimentData withRenderings = plain.withRenderings(new java.util.LinkedHashMap<>(Map.of("same", same,
                "noisy", noisy)));
        ExperimentResult result = new Experiment(withoutFinalModel(settings()), s -> { }).run(withRenderings,
                folds(plain), "3 folds");
        org.ser4j.models.eval.Robustness identical = result.robustness().stream()
                .filter(r -> r.rendering().equals("same")).findFirst().orElseThrow();
        assertEquals(same.length, identical.n());
        assertEquals(1.0, identical.agreement(), 0);
        assertEquals(0.0, identical.meanJsd(), 1e-12);
        assertEquals(result.evaluation().unweightedAccuracy(), identical.ua(), 1e-12);
        org.ser4j.models.eval.Robustness degraded = result.robustness().stream()
                .filter(r -> r.rendering().equals("noisy")).findFirst().orElseThrow();
        assertEquals(same.length - 1, degraded.n());
        assertTrue(degraded.agreement() < 0.9, "agreement " + degraded.agreement());
        assertTrue(degraded.meanJsd() > 0.01, "JSD " + degraded.meanJsd());
    }
}
